package dev.paperdigest.notify.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A manage token to look up ({@link ManageTokenIdentityProvider}); never the admin key. */
public class ManageTokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final TokenCredential token;

    public ManageTokenAuthenticationRequest(String token) {
        this.token = new TokenCredential(token, "bearer");
    }

    public TokenCredential getToken() {
        return token;
    }
}
