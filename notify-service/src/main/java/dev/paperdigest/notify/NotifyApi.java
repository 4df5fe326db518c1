package dev.paperdigest.notify;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The security schemes of the OpenAPI description (title and the rest: quarkus.smallrye-openapi.info-*): the admin
 * key of operators' endpoints and the manage token of a subscriber's own.
 */
@SecurityScheme(securitySchemeName = NotifyApi.ADMIN_KEY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "paperdigest.admin.api-key")
@SecurityScheme(securitySchemeName = NotifyApi.MANAGE_TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The manage token of a subscription: from the confirmation answer or any mail's manage link")
public class NotifyApi extends Application {

    public static final String ADMIN_KEY_SCHEME = "adminKey";
    public static final String MANAGE_TOKEN_SCHEME = "manageToken";
}
