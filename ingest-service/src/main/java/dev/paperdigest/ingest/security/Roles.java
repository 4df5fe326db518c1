package dev.paperdigest.ingest.security;

/** Role names for {@code @RolesAllowed}. */
public final class Roles {

    /** Holder of the admin API key: {@code POST /api/papers}, {@code /api/ingest/runs}. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
