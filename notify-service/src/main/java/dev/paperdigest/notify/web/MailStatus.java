package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.Frequency;
import dev.paperdigest.notify.subscription.SubscriberStatus;
import dev.paperdigest.notify.subscription.SubscriptionView;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The answer of the manage page to "why no mail today?": the state of the subscription in words, when the last
 * mail went out and the next one is due (in the subscriber's own zone), and how many matches wait to be mailed.
 *
 * @param state       ACTIVE, PENDING or UNSUBSCRIBED
 * @param headline    the state in a few words
 * @param explanation what it means for the mail
 * @param lastMail    when the last mail went out, or "none yet"
 * @param nextMail    when the next one is due, or null where there is no such time (INSTANT, not ACTIVE)
 * @param waiting     the waiting matches in words
 */
public record MailStatus(String state, String headline, String explanation, String lastMail, String nextMail,
        String waiting) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    public static MailStatus of(SubscriptionView view) {
        ZoneId zone = zone(view.timezone());
        String lastMail = view.lastMailSentAt() == null ? "No mail sent yet" : format(view.lastMailSentAt(), zone);
        String waiting = switch ((int) Math.min(view.matchesWaiting(), 2)) {
            case 0 -> "No match is waiting: no new paper has matched your topics since the last mail.";
            case 1 -> "1 match is waiting to be mailed.";
            default -> view.matchesWaiting() + " matches are waiting to be mailed.";
        };
        if (view.status() == SubscriberStatus.PENDING) {
            return new MailStatus(view.status().name(), "Waiting for your confirmation",
                    "Nothing is mailed until you confirm your address with the link in the confirmation mail.",
                    lastMail, null, waiting);
        }
        if (view.status() == SubscriberStatus.UNSUBSCRIBED) {
            return new MailStatus(view.status().name(), "Unsubscribed",
                    "You unsubscribed, so nothing is mailed. Your topics and schedule are kept in case you come back.",
                    lastMail, null, "Nothing is collected while you are unsubscribed.");
        }
        if (view.suppressedReason() != null) {
            return new MailStatus(view.status().name(), "Mail stopped: your address refuses it",
                    "Your mail server refused our mails for good, so we stopped sending (" + view.suppressedReason()
                            + "). Subscribe again with a working address.", lastMail, null, waiting);
        }
        String explanation = view.frequency() == Frequency.INSTANT
                ? "Papers that match your topics are mailed as they arrive, those of the same minute in one digest."
                : "A digest of the papers that matched your topics goes out at your hour; when nothing matched, no mail is sent.";
        String nextMail = view.nextMailDue() == null ? null : format(view.nextMailDue(), zone);
        return new MailStatus(view.status().name(), "Active", explanation, lastMail, nextMail, waiting);
    }

    public boolean active() {
        return state.equals(SubscriberStatus.ACTIVE.name());
    }

    public boolean unsubscribed() {
        return state.equals(SubscriberStatus.UNSUBSCRIBED.name());
    }

    private static String format(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
