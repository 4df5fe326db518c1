package dev.paperdigest.notify.digest;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.subscription.Subscribers;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** A subscriber's inbox as tests read it: the digests, and which papers they carried (each names "arXiv:<id>"). */
public final class DigestInbox {

    private DigestInbox() {
    }

    /** Every mail to the address except its confirmation mail. */
    public static List<CapturedMail> digests(String email) {
        return RealInfrastructure.infra().mail().mailsTo(email).stream()
                .filter(mail -> !Subscribers.CONFIRM_SUBJECT.equals(mail.subject())).toList();
    }

    /** In how many digests to the address the paper was listed. */
    public static long timesMailed(String email, String paperId) {
        return listing(email, paperId).size();
    }

    /** Waits until the paper was listed in a digest to the address; returns that digest. */
    public static CapturedMail awaitPaper(String email, String paperId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> timesMailed(email, paperId) >= 1);
        return listing(email, paperId).get(0);
    }

    /** The digests to the address that list the paper. */
    private static List<CapturedMail> listing(String email, String paperId) {
        Pattern listed = Pattern.compile("arXiv:" + Pattern.quote(paperId) + "(?![0-9.])");
        return digests(email).stream().filter(mail -> listed.matcher(mail.text()).find()).toList();
    }
}
