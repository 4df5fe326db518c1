package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.OneLineText;

/** Subjects built from feed values: one line (see {@link OneLineText}, so nothing can start a new header), capped. */
public final class MailSubject {

    static final int MAX_LENGTH = 150;

    private MailSubject() {
    }

    public static String newPaper(String title) {
        return OneLineText.of("New paper: " + title, MAX_LENGTH);
    }
}
