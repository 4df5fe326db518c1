package dev.paperdigest.ingest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI description of ingest-service. */
@OpenAPIDefinition(info = @Info(title = "paper-digest ingest-service", version = "1",
        description = "Takes in research papers and announces each new one once on the papers.new topic."))
@SecurityScheme(securitySchemeName = IngestApi.ADMIN_KEY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "paperdigest.admin.api-key")
public class IngestApi extends Application {

    public static final String ADMIN_KEY_SCHEME = "adminKey";
}
