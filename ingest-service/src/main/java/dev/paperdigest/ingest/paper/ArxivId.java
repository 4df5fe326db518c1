package dev.paperdigest.ingest.paper;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An arXiv identifier split into its canonical, version-less form and an optional version.
 *
 * <p>One paper has one canonical id whatever its version, so the canonical form is the primary key, the Kafka key
 * and the dedup key. Accepted ids: new style {@code 2505.24864} / {@code 0706.0001} (checked: month 01–12, four
 * digits from 0704 to 1412, five digits from 1501) and old style {@code cond-mat/0603029} (years 91–07), each with
 * an optional {@code vN} suffix and an optional {@code arXiv:} prefix. The canonical id of an old-style id drops
 * the subject class ({@code math.GT/0309136} → {@code math/0309136}), as arXiv itself does: the number is unique
 * within the archive, so both spellings name the same paper.
 *
 * <p>{@link #parse}/{@link #tryParse} take an id as a client writes one; {@link #fromFeed} also unwraps the
 * references feeds put around it: OAI identifiers (RSS guids) and arxiv.org abs/pdf URLs.
 */
public final class ArxivId {

    private static final String ABS_BASE = "https://arxiv.org/abs/";
    private static final String PDF_BASE = "https://arxiv.org/pdf/";

    private static final Pattern PREFIX = Pattern.compile("(?i)^arxiv:");
    // What feeds wrap the id in: OAI identifiers (RSS guid), abs/pdf URLs (Atom ids, RSS links).
    private static final Pattern FEED_WRAPPER = Pattern.compile(
            "(?i)^(?:oai:arxiv\\.org:|https?://(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/)");
    private static final Pattern URL_TAIL = Pattern.compile("(?i)(?:\\.pdf)?/?$");

    // Since April 2007: YYMM.NNNN, and YYMM.NNNNN from January 2015 on.
    private static final Pattern NEW_STYLE = Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})(?:v(\\d{1,4}))?");
    // Before: archive(.SUBJECT-CLASS)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, physics.acc-ph/0501001. The
    // subject class is two capitals or a lower-case hyphenated name; it is not part of the identity.
    private static final Pattern OLD_STYLE = Pattern.compile(
            "([a-z]+(?:-[a-z]+)?)(?:\\.(?:[A-Z]{2}|[a-z]+-[a-z]+))?/(\\d{2})(\\d{2})(\\d{3})(?:v(\\d{1,4}))?");

    private final String id;
    private final Integer version;

    private ArxivId(String id, Integer version) {
        this.id = id;
        this.version = version;
    }

    /**
     * Parses an id as a client writes it: bare, optionally with {@code arXiv:} prefix and {@code vN} suffix.
     *
     * @throws IllegalArgumentException with the reason when the text is not an arXiv id
     */
    public static ArxivId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty arXiv id");
        }
        return parseBare(text, PREFIX.matcher(text.strip()).replaceFirst(""));
    }

    /** Like {@link #parse(String)}, but empty instead of an exception. */
    public static Optional<ArxivId> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The id in a feed's reference to a paper: a bare id or one wrapped as {@code oai:arXiv.org:2604.21952v1},
     * {@code http://arxiv.org/abs/2404.12345v2} or {@code https://arxiv.org/pdf/2404.12345v1.pdf}; empty when the
     * text names no arXiv paper.
     */
    public static Optional<ArxivId> fromFeed(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String unwrapped = FEED_WRAPPER.matcher(text.strip()).replaceFirst("");
        if (unwrapped.length() < text.strip().length()) {
            unwrapped = URL_TAIL.matcher(unwrapped).replaceFirst("");
        }
        return tryParse(unwrapped);
    }

    private static ArxivId parseBare(String text, String bare) {
        Matcher newStyle = NEW_STYLE.matcher(bare);
        if (newStyle.matches()) {
            int yy = Integer.parseInt(newStyle.group(1));
            int mm = Integer.parseInt(newStyle.group(2));
            int digits = newStyle.group(3).length();
            requireMonth(mm, text);
            // The scheme started in 0704 and switched to five digits with 1501: other widths are typos.
            if (yy < 7 || (yy == 7 && mm < 4)) {
                throw invalid(text, "new-style ids start at 0704");
            }
            boolean fiveDigitEra = yy >= 15;
            if (fiveDigitEra != (digits == 5)) {
                throw invalid(text, (fiveDigitEra ? "5" : "4") + "-digit number expected for " + yy + newStyle.group(2));
            }
            String canonical = newStyle.group(1) + newStyle.group(2) + "." + newStyle.group(3);
            return new ArxivId(canonical, version(newStyle.group(4), text));
        }
        Matcher oldStyle = OLD_STYLE.matcher(bare);
        if (oldStyle.matches()) {
            int yy = Integer.parseInt(oldStyle.group(2));
            requireMonth(Integer.parseInt(oldStyle.group(3)), text);
            if (yy > 7 && yy < 91) {
                throw invalid(text, "old-style ids run from 91 to 07");
            }
            String canonical = oldStyle.group(1) + "/" + oldStyle.group(2) + oldStyle.group(3) + oldStyle.group(4);
            return new ArxivId(canonical, version(oldStyle.group(5), text));
        }
        throw invalid(text, "not an arXiv identifier");
    }

    /** The canonical id without version: {@code 2404.12345}, {@code cond-mat/0603029}. */
    public String id() {
        return id;
    }

    /** The version number, or null when the text named the paper rather than one version. */
    public Integer version() {
        return version;
    }

    /** The id as written with its version ({@code 2404.12345v2}), or the canonical id when unversioned. */
    public String withVersion() {
        return version == null ? id : id + "v" + version;
    }

    /** Pre-2007 identifiers carry their archive name: {@code cond-mat/0603029}. */
    public boolean isOldStyle() {
        return id.indexOf('/') >= 0;
    }

    /** The abstract page of the latest version; version-less so that every source agrees on it. */
    public String absUrl() {
        return ABS_BASE + id;
    }

    /** The PDF of the latest version. */
    public String pdfUrl() {
        return PDF_BASE + id;
    }

    private static void requireMonth(int month, String text) {
        if (month < 1 || month > 12) {
            throw invalid(text, "month " + month + " out of range");
        }
    }

    private static Integer version(String digits, String text) {
        if (digits == null) {
            return null;
        }
        int version = Integer.parseInt(digits);
        // arXiv versions start at v1; "v0" is a typo, not a paper.
        if (version < 1) {
            throw invalid(text, "versions start at 1");
        }
        return version;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid arXiv id '" + text + "': " + reason);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArxivId that && id.equals(that.id) && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return withVersion();
    }
}
