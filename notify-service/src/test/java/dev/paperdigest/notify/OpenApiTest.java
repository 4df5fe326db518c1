package dev.paperdigest.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperdigest.testsupport.OpenApiDescriptions;
import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint is described in /q/openapi, so an endpoint added without a description fails here. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyOperationHasASummaryADescriptionATagAndItsResponses() throws Exception {
        assertEquals(List.of(), OpenApiDescriptions.omissions());
    }
}
