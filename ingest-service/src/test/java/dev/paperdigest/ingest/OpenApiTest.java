package dev.paperdigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperdigest.testsupport.OpenApiDescriptions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint is described in /q/openapi, so an endpoint added without a description fails here. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void everyOperationHasASummaryADescriptionATagAndItsResponses() throws Exception {
        assertEquals(List.of(), OpenApiDescriptions.omissions());
    }
}
