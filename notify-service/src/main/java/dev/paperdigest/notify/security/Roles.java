package dev.paperdigest.notify.security;

/** Role names for {@code @RolesAllowed}. */
public final class Roles {

    /** Holder of the admin API key: {@code /api/admin/*}. */
    public static final String ADMIN = "admin";
    /** A subscriber authenticated by its manage token; see {@link CurrentSubscriber}. */
    public static final String SUBSCRIBER = "subscriber";

    private Roles() {
    }
}
