package dev.paperdigest.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What /q/openapi of the application under test leaves undescribed, so an endpoint added without a word fails. */
public final class OpenApiDescriptions {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDescriptions() {
    }

    /**
     * Every omission: blank info title, version or description; a tag without description; an operation without
     * summary, description, declared tag or responses; an undescribed response.
     */
    public static List<String> omissions() throws IOException {
        return omissions(new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString()));
    }

    static List<String> omissions(JsonNode api) {
        List<String> omissions = new ArrayList<>();
        for (String field : List.of("title", "version", "description")) {
            if (api.path("info").path(field).asText().isBlank()) {
                omissions.add("info." + field + " is blank");
            }
        }
        Set<String> tags = new HashSet<>();
        api.path("tags").forEach(tag -> {
            tags.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                omissions.add("tag " + tag.path("name").asText() + " has no description");
            }
        });
        if (api.path("paths").isEmpty()) {
            omissions.add("no paths");
        }
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                omissions.addAll(omissions(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue(), tags));
            }
        }));
        return omissions;
    }

    private static List<String> omissions(String operation, JsonNode described, Set<String> tags) {
        List<String> omissions = new ArrayList<>();
        for (String field : List.of("summary", "description")) {
            if (described.path(field).asText().isBlank()) {
                omissions.add(operation + ": no " + field);
            }
        }
        if (described.path("tags").isEmpty()) {
            omissions.add(operation + ": no tag");
        }
        described.path("tags").forEach(tag -> {
            if (!tags.contains(tag.asText())) {
                omissions.add(operation + ": tag " + tag.asText() + " is not declared with a description");
            }
        });
        if (described.path("responses").isEmpty()) {
            omissions.add(operation + ": no responses");
        }
        described.path("responses").fields().forEachRemaining(response -> {
            if (response.getValue().path("description").asText().isBlank()) {
                omissions.add(operation + ": response " + response.getKey() + " undescribed");
            }
        });
        return omissions;
    }
}
