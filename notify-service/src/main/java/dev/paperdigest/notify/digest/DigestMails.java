package dev.paperdigest.notify.digest;

import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;

/** The digest mail: templates/DigestMails/digest.html and .txt, checked at build time. */
@CheckedTemplate(basePath = "DigestMails")
public class DigestMails {

    public static native MailTemplate.MailTemplateInstance digest(DigestMail mail);

    private DigestMails() {
    }
}
