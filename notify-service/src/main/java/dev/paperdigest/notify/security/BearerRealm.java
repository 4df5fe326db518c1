package dev.paperdigest.notify.security;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Arrays;
import java.util.Optional;

/** The two bearer credentials of this service: the challenge each sends, and what a caller without one is told. */
enum BearerRealm {

    ADMIN("paper-digest admin", "Admin API key required: send Authorization: Bearer <key>",
            "Admin API key not accepted"),
    SUBSCRIPTION("paper-digest subscription",
            "Manage token required: send Authorization: Bearer <manage token> (the manage link of any digest mail)",
            "Manage token not accepted: unknown or expired");

    /** {@code WWW-Authenticate} of a 401. */
    final String challenge;
    /** {@code detail} of a 401 to a request without bearer credentials. */
    final String missing;
    /** {@code detail} of a 401 to a request whose bearer credentials were refused. */
    final String refused;

    BearerRealm(String realm, String missing, String refused) {
        this.challenge = "Bearer realm=\"" + realm + "\"";
        this.missing = missing;
        this.refused = refused;
    }

    ChallengeData challengeData() {
        return new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    static Optional<BearerRealm> ofChallenge(String wwwAuthenticate) {
        return Arrays.stream(values()).filter(realm -> realm.challenge.equals(wwwAuthenticate)).findFirst();
    }
}
