package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.security.ManageTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Confirm, manage and unsubscribe tokens: 192 random bits from a CSPRNG, handed out once (in a mail or an answer)
 * and stored only as their SHA-256, so a copy of the database opens no subscription. A token is found by its hash
 * and the stored hash is compared once more in constant time. Every mail carries freshly minted tokens, since the
 * service cannot recover one it has handed out.
 */
@ApplicationScoped
public class AccessTokens implements ManageTokenVerifier {

    private static final int RANDOM_BYTES = 24;
    /** Base64url without padding of {@link #RANDOM_BYTES} bytes; anything else is refused before a lookup. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final SecureRandom random = new SecureRandom();
    private final EntityManager entityManager;
    private final NotifyConfig config;

    public AccessTokens(EntityManager entityManager, NotifyConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Mints a token for the subscriber and stores its hash; call in a transaction. */
    public String mint(long subscriberId, TokenPurpose purpose) {
        return mintAll(List.of(subscriberId), purpose).get(0);
    }

    /**
     * Mints one token per subscriber, stored in one statement (a digest batch mints one pair per mail); call in a
     * transaction. @return the tokens, in the order of {@code subscriberIds}
     */
    public List<String> mintAll(List<Long> subscriberIds, TokenPurpose purpose) {
        List<String> tokens = new ArrayList<>(subscriberIds.size());
        String[] hashes = new String[subscriberIds.size()];
        for (int i = 0; i < hashes.length; i++) {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tokens.add(token);
            hashes[i] = HexFormat.of().formatHex(sha256(token));
        }
        entityManager.createNativeQuery("""
                insert into access_token (hash, subscriber_id, purpose, expires_at)
                select decode(t.hash, 'hex'), t.subscriber_id, :purpose, now() + make_interval(secs => :seconds)
                from unnest(cast(:hashes as text[]), cast(:subscribers as bigint[])) as t(hash, subscriber_id)
                """)
                .setParameter("hashes", hashes)
                .setParameter("subscribers", subscriberIds.toArray(Long[]::new))
                .setParameter("purpose", purpose.name())
                .setParameter("seconds", (double) validity(purpose).toSeconds())
                .executeUpdate();
        return tokens;
    }

    /** The subscriber of an unexpired token of this purpose; empty for anything else. Call in a transaction. */
    public OptionalLong find(String token, TokenPurpose purpose) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return OptionalLong.empty();
        }
        byte[] hash = sha256(token);
        List<?> rows = entityManager.createNativeQuery("""
                select subscriber_id, hash from access_token
                where hash = :hash and purpose = :purpose and expires_at > now()
                """)
                .setParameter("hash", hash)
                .setParameter("purpose", purpose.name())
                .getResultList();
        if (rows.isEmpty()) {
            return OptionalLong.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return MessageDigest.isEqual(hash, (byte[]) row[1])
                ? OptionalLong.of(((Number) row[0]).longValue()) : OptionalLong.empty();
    }

    @Override
    @Transactional
    public OptionalLong subscriberId(String manageToken) {
        return find(manageToken, TokenPurpose.MANAGE);
    }

    /** Forgets every token of this purpose of the subscriber (e.g. confirm tokens once unsubscribed). */
    void revoke(long subscriberId, TokenPurpose purpose) {
        entityManager.createNativeQuery("delete from access_token where subscriber_id = :subscriber and purpose = :purpose")
                .setParameter("subscriber", subscriberId)
                .setParameter("purpose", purpose.name())
                .executeUpdate();
    }

    /** Deletes expired tokens. @return how many */
    @Transactional
    public int deleteExpired() {
        return entityManager.createNativeQuery("delete from access_token where expires_at <= now()").executeUpdate();
    }

    private Duration validity(TokenPurpose purpose) {
        return switch (purpose) {
            case CONFIRM -> config.subscription().pendingExpiry();
            case MANAGE -> config.subscription().manageLinkValidity();
            case UNSUBSCRIBE -> config.subscription().unsubscribeLinkValidity();
        };
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
