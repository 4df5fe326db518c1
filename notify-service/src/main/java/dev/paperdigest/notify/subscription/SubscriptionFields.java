package dev.paperdigest.notify.subscription;

/** The shapes of the fields of subscription requests, written once for the REST API and the pages. */
final class SubscriptionFields {

    /** Topics one subscriber may have. */
    static final int MAX_TOPICS = 20;

    /** RFC 5322 atext: what a local part may hold without quoting. */
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";

    /** Characters no value may hold: controls (NUL, CR, LF, tab, C1), format characters, line separators. */
    private static final String NOT_ALLOWED = "\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}";

    /**
     * On top of @Email's own checks: a dot-atom local part (no quoted string, which the mailer cannot send to), a
     * dotted domain, and no white space, control or format character anywhere.
     */
    static final String EMAIL_SHAPE = ATEXT + "+(?:\\." + ATEXT + "+)*@[^\\s" + NOT_ALLOWED + "@]+\\.[^\\s"
            + NOT_ALLOWED + "@]+";

    static final String NO_CONTROL_CHARACTER = "[^" + NOT_ALLOWED + "]*";

    private SubscriptionFields() {
    }
}
