package dev.paperdigest.notify.mail;

import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;

/**
 * Mail templates, checked at build time: templates/PaperMails/&lt;method&gt;.html and .txt (a top-level class needs
 * the base path spelled out; only nested classes get their enclosing class's name by default).
 */
@CheckedTemplate(basePath = "PaperMails")
public class PaperMails {

    /** One new paper that matched topics of the recipient. */
    public static native MailTemplate.MailTemplateInstance newPaper(NewPaperMail mail);

    private PaperMails() {
    }
}
