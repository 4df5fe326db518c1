package dev.paperdigest.notify.mail;

import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;

import java.util.List;

/** Mails about the subscription itself: templates/AccountMails/&lt;method&gt;.html and .txt, checked at build time. */
@CheckedTemplate(basePath = "AccountMails")
public class AccountMails {

    /** What the confirmation mail shows: the topics signed up for and the link that confirms them. */
    public record ConfirmMail(List<String> topics, String confirmUrl, String homeUrl, long validDays) {
    }

    /** What the mail to an ACTIVE address that was signed up again shows. */
    public record AlreadySubscribedMail(List<String> topics, SubscriberLinks.Links links) {
    }

    public static native MailTemplate.MailTemplateInstance confirm(ConfirmMail mail);

    public static native MailTemplate.MailTemplateInstance alreadySubscribed(AlreadySubscribedMail mail);

    private AccountMails() {
    }
}
