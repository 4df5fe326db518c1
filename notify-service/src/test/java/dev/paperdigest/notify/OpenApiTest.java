package dev.paperdigest.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint is described in /q/openapi, so an endpoint added without a description fails here. */
@QuarkusTest
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyOperationHasASummaryADescriptionATagAndItsResponses() throws Exception {
        JsonNode api = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "version", "description")) {
            if (api.path("info").path(field).asText().isBlank()) {
                problems.add("info." + field + " is blank");
            }
        }
        Set<String> tags = new HashSet<>();
        api.path("tags").forEach(tag -> {
            tags.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                problems.add("tag " + tag.path("name").asText() + " has no description");
            }
        });
        assertFalse(api.path("paths").isEmpty(), "paths");
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (!METHODS.contains(method.getKey())) {
                return;
            }
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            JsonNode described = method.getValue();
            for (String field : List.of("summary", "description")) {
                if (described.path(field).asText().isBlank()) {
                    problems.add(operation + ": no " + field);
                }
            }
            if (described.path("tags").isEmpty()) {
                problems.add(operation + ": no tag");
            }
            described.path("tags").forEach(tag -> {
                if (!tags.contains(tag.asText())) {
                    problems.add(operation + ": tag " + tag.asText() + " is not declared with a description");
                }
            });
            described.path("responses").fields().forEachRemaining(response -> {
                if (response.getValue().path("description").asText().isBlank()) {
                    problems.add(operation + ": response " + response.getKey() + " undescribed");
                }
            });
            if (described.path("responses").isEmpty()) {
                problems.add(operation + ": no responses");
            }
        }));
        assertEquals(List.of(), problems);
    }
}
