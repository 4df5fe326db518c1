package dev.paperdigest.notify.subscription;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of POST /api/subscriptions. Members this version does not know yet (frequency, timezone, ...) are ignored.
 *
 * @param email  where matching papers are sent; no whitespace or control characters (it becomes a mail header)
 * @param topics keyword queries, each needing at least one letter or digit
 */
public record SubscriptionRequest(
        @NotBlank
        @Size(max = 254)
        @Email(regexp = EMAIL_SHAPE, message = "must be a well-formed email address")
        String email,

        @NotNull
        @Size(min = 1, max = 20)
        List<@NotBlank @Size(max = 200) @Pattern(regexp = HAS_WORD, message = "must contain a letter or digit") String> topics) {

    /** On top of @Email's own checks: a dotted domain, and no whitespace or control character anywhere. */
    static final String EMAIL_SHAPE = "[^\\s\\p{Cntrl}@]+@[^\\s\\p{Cntrl}@]+\\.[^\\s\\p{Cntrl}@]+";

    static final String HAS_WORD = "(?s).*[\\p{L}\\p{N}].*";
}
