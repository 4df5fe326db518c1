package dev.paperdigest.notify.mail;

/**
 * Subjects built from feed values: control characters (CR/LF included, so nothing can start a new header line) and
 * Unicode line/paragraph separators become spaces, whitespace is collapsed and the length is capped.
 */
public final class MailSubject {

    static final int MAX_LENGTH = 150;

    private MailSubject() {
    }

    public static String newPaper(String title) {
        return capped("New paper: " + clean(title));
    }

    static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
    }

    private static String capped(String subject) {
        if (subject.length() <= MAX_LENGTH) {
            return subject;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(subject.charAt(end - 1))) {
            end--;
        }
        return subject.substring(0, end) + "…";
    }
}
