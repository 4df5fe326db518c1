package dev.paperdigest.ingest.paper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An arXiv identifier split into its canonical form (the paper) and an optional version.
 *
 * <p>Accepted: new-style {@code 2505.24864} / {@code 0706.0001} and old-style {@code cond-mat/0603029} or
 * {@code math.GT/0309136}, each with an optional {@code vN} suffix and an optional {@code arXiv:} prefix. The
 * canonical id of an old-style id drops the subject class ({@code math.GT/0309136} → {@code math/0309136}), as
 * arXiv itself does: the number is unique within the archive, so both spellings name the same paper.
 *
 * @param canonical the id without prefix, subject class or version; the Kafka key and primary key
 * @param version   the version from a {@code vN} suffix, or null when there was none
 */
public record ArxivId(String canonical, Integer version) {

    // YYMM.NNNN (April 2007 - December 2014) or YYMM.NNNNN (since January 2015).
    private static final Pattern NEW_STYLE = Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})(?:v(\\d{1,4}))?");
    // archive(.SC)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136 (until March 2007).
    private static final Pattern OLD_STYLE =
            Pattern.compile("([a-z]+(?:-[a-z]+)?)(?:\\.[A-Z]{2})?/(\\d{2})(\\d{2})(\\d{3})(?:v(\\d{1,4}))?");
    private static final String PREFIX = "arXiv:";

    /** Parses {@code raw}; empty when it is not an arXiv id. */
    public static Optional<ArxivId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = raw.strip();
        if (id.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            id = id.substring(PREFIX.length());
        }
        Matcher m = NEW_STYLE.matcher(id);
        if (m.matches()) {
            int yymm = Integer.parseInt(m.group(1) + m.group(2));
            int digits = m.group(3).length();
            boolean numberFitsPeriod = yymm >= 1501 ? digits == 5 : yymm >= 704 && digits == 4;
            if (!validMonth(m.group(2)) || !numberFitsPeriod) {
                return Optional.empty();
            }
            return withVersion(m.group(1) + m.group(2) + "." + m.group(3), m.group(4));
        }
        m = OLD_STYLE.matcher(id);
        if (m.matches() && validMonth(m.group(3))) {
            return withVersion(m.group(1) + "/" + m.group(2) + m.group(3) + m.group(4), m.group(5));
        }
        return Optional.empty();
    }

    private static boolean validMonth(String mm) {
        int month = Integer.parseInt(mm);
        return month >= 1 && month <= 12;
    }

    private static Optional<ArxivId> withVersion(String canonical, String versionDigits) {
        if (versionDigits == null) {
            return Optional.of(new ArxivId(canonical, null));
        }
        int version = Integer.parseInt(versionDigits);
        // arXiv versions start at v1; "v0" is a typo, not a paper.
        return version >= 1 ? Optional.of(new ArxivId(canonical, version)) : Optional.empty();
    }
}
