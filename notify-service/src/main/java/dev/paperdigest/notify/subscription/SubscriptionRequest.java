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
 * @param email  where matching papers are sent; a plain dot-atom local part and no control or format character
 *               anywhere (it becomes a mail header)
 * @param topics keyword queries, each needing at least one letter or digit and no control or format character
 */
public record SubscriptionRequest(
        @NotBlank
        @Size(max = 254)
        @Email(regexp = EMAIL_SHAPE, message = "must be a well-formed email address")
        String email,

        @NotNull
        @Size(min = 1, max = 20)
        List<@NotBlank @Size(max = 200)
                @Pattern(regexp = NO_CONTROL_CHARACTER, message = "must not contain control or format characters")
                @Pattern(regexp = HAS_WORD, message = "must contain a letter or digit") String> topics) {

    /** RFC 5322 atext: what a local part may hold without quoting. */
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";

    /** Characters that no topic or address may hold: controls (NUL, CR, LF, tab, C1), format chars, line separators. */
    private static final String NOT_ALLOWED = "\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}";

    /**
     * On top of @Email's own checks: a dot-atom local part (no quoted string, which the mailer cannot send to), a
     * dotted domain, and no white space, control or format character anywhere.
     */
    static final String EMAIL_SHAPE = ATEXT + "+(?:\\." + ATEXT + "+)*@[^\\s" + NOT_ALLOWED + "@]+\\.[^\\s"
            + NOT_ALLOWED + "@]+";

    static final String NO_CONTROL_CHARACTER = "[^" + NOT_ALLOWED + "]*";

    static final String HAS_WORD = "(?s).*[\\p{L}\\p{N}].*";
}
