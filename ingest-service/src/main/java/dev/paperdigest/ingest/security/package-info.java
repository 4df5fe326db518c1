/**
 * Admin endpoints through Quarkus Security. Authentication is lazy ({@code quarkus.http.auth.proactive=false}): it
 * runs inside Quarkus REST for {@code @RolesAllowed} endpoints only, before the request body is read. An admin
 * endpoint carries {@code @RolesAllowed(Roles.ADMIN)} and
 * {@code @HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)}: {@code Authorization: Bearer <admin api
 * key>} → {@link dev.paperdigest.ingest.security.AdminKeyAuthenticationMechanism} →
 * {@link dev.paperdigest.ingest.security.AdminKeyIdentityProvider} → role {@code admin}. Refusals are problem+json from
 * {@link dev.paperdigest.ingest.security.SecurityProblemMapper}: 401 with {@code WWW-Authenticate: Bearer
 * realm="paper-digest admin"} for a missing or wrong key, 403 when no key is configured.
 */
package dev.paperdigest.ingest.security;
