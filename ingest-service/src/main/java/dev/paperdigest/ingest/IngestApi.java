package dev.paperdigest.ingest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The admin key's security scheme in the OpenAPI description (title and the rest: quarkus.smallrye-openapi.info-*). */
@SecurityScheme(securitySchemeName = IngestApi.ADMIN_KEY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "paperdigest.admin.api-key")
public class IngestApi extends Application {

    public static final String ADMIN_KEY_SCHEME = "adminKey";
}
