package dev.paperdigest.notify.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The subscriber a request authenticated as with its manage token ({@code Authorization: Bearer <manage token>},
 * {@link ManageTokenAuthenticationMechanism}): role {@link #ROLE}, principal name = subscriber id as a decimal string.
 * Inject it into a resource and call {@link #id()} in methods annotated {@code @RolesAllowed(CurrentSubscriber.ROLE)};
 * Quarkus Security has refused every other request (401 problem+json) before the method runs.
 */
@RequestScoped
public class CurrentSubscriber {

    /** The role of an identity established by a manage token. */
    public static final String ROLE = Roles.SUBSCRIBER;

    private final SecurityIdentity identity;

    public CurrentSubscriber(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The id of the authenticated subscriber; only for requests with the subscriber role. */
    public long id() {
        return id(identity);
    }

    /** The subscriber id of an identity with the subscriber role. */
    public static long id(SecurityIdentity identity) {
        if (identity.isAnonymous() || !identity.hasRole(ROLE)) {
            throw new IllegalStateException("not a subscriber's request: annotate the method @RolesAllowed(CurrentSubscriber.ROLE)");
        }
        return Long.parseLong(identity.getPrincipal().getName());
    }
}
