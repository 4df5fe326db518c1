package dev.paperdigest.localinfra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.util.ArrayList;
import java.util.List;

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

    /** The underlying GreenMail server, for tests that want its own API. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Every mail received so far, oldest first. */
    public List<CapturedMail> mails() {
        var messages = greenMail.getReceivedMessages();
        List<CapturedMail> mails = new ArrayList<>(messages.length);
        for (int i = 0; i < messages.length; i++) {
            mails.add(CapturedMail.of(i, messages[i]));
        }
        return mails;
    }

    /** The mails received so far that were addressed to {@code recipient}. */
    public List<CapturedMail> mailsTo(String recipient) {
        return mails().stream().filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(recipient)))
                .toList();
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
