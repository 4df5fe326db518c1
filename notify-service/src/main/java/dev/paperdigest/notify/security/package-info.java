/**
 * Who a request is, through Quarkus Security. Authentication is lazy ({@code quarkus.http.auth.proactive=false}): it
 * runs inside Quarkus REST for {@code @RolesAllowed} endpoints only, before the request body is read.
 * <ul>
 * <li>Admin endpoints: {@code @RolesAllowed(Roles.ADMIN)} and
 * {@code @HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)}. {@code Authorization: Bearer <admin
 * api key>} → {@link dev.paperdigest.notify.security.AdminKeyAuthenticationMechanism} →
 * {@link dev.paperdigest.notify.security.AdminKeyIdentityProvider} → role {@code admin}. No key configured: 403.</li>
 * <li>Subscriber endpoints: {@code @RolesAllowed(CurrentSubscriber.ROLE)}, nothing else (the manage-token mechanism
 * runs first where no mechanism is named). {@code Authorization: Bearer <manage token>} →
 * {@link dev.paperdigest.notify.security.ManageTokenAuthenticationMechanism} →
 * {@link dev.paperdigest.notify.security.ManageTokenIdentityProvider} ({@link
 * dev.paperdigest.notify.security.ManageTokenVerifier}, on a worker thread) → role {@code subscriber}, principal name =
 * subscriber id; inject {@link dev.paperdigest.notify.security.CurrentSubscriber} and call {@code id()}.</li>
 * <li>Refusals: {@link dev.paperdigest.notify.security.SecurityProblemMapper} answers problem+json: 401 with the
 * mechanism's {@code WWW-Authenticate} for missing or refused credentials, 403 for a missing role or disabled admin
 * endpoints, each with a {@code detail} saying why.</li>
 * </ul>
 */
package dev.paperdigest.notify.security;
