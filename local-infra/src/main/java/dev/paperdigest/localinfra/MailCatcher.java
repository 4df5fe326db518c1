package dev.paperdigest.localinfra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SMTP server that accepts every mail (GreenMail) plus a mailbox page where a person reads what arrived.
 */
public final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final MailboxPage page;

    private MailCatcher(GreenMail greenMail, int webPort) {
        this.greenMail = greenMail;
        this.page = MailboxPage.start(webPort, this::mails, this::reset);
    }

    /**
     * @param smtpPort the SMTP port, or 0 for any free port
     * @param webPort  the mailbox page's port, or 0 for any free port
     */
    public static MailCatcher start(int smtpPort, int webPort) {
        ServerSetup smtp = new ServerSetup(FreePort.orAny(smtpPort), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(10_000);
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        try {
            return new MailCatcher(greenMail, FreePort.orAny(webPort));
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Address of the mailbox page, e.g. {@code http://localhost:8025/}. */
    public String mailboxUrl() {
        return page.url();
    }

    /** Every mail received so far, oldest first. */
    public List<CapturedMail> mails() {
        return decoded(message -> true);
    }

    /** The mails received so far that were addressed to {@code recipient}; only those are decoded. */
    public List<CapturedMail> mailsTo(String recipient) {
        return decoded(message -> addressedTo(message, recipient));
    }

    private List<CapturedMail> decoded(Predicate<MimeMessage> wanted) {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        List<CapturedMail> mails = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            if (wanted.test(messages[i])) {
                mails.add(CapturedMail.of(i, messages[i]));
            }
        }
        return mails;
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(to -> to.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable captured mail", e);
        }
    }

    /** Forgets every mail received so far. */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not purge captured mail", e);
        }
    }

    @Override
    public void close() {
        page.close();
        greenMail.stop();
    }
}
