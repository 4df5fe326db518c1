package dev.paperdigest.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class OpenApiDescriptionsTest {

    @Test
    void everyMissingWordIsNamed() throws Exception {
        var api = new ObjectMapper().readTree("""
                {"info": {"title": "t", "version": "1", "description": ""},
                 "tags": [{"name": "Runs", "description": "runs"}, {"name": "Bare"}],
                 "paths": {"/a": {"get": {"summary": "s", "description": "d", "tags": ["Runs"],
                                          "responses": {"200": {"description": "ok"}}},
                                  "post": {"summary": "s", "tags": ["Other"], "responses": {"202": {}}},
                                  "parameters": []}}}""");
        assertEquals(List.of("info.description is blank", "tag Bare has no description", "POST /a: no description",
                "POST /a: tag Other is not declared with a description", "POST /a: response 202 undescribed"),
                OpenApiDescriptions.omissions(api));
    }
}
