package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.SubscriptionRequest;
import dev.paperdigest.notify.subscription.SubscriptionUpdate;
import dev.paperdigest.notify.subscription.SubscriptionView;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of the subscribe and manage forms as the browser sent them (strings, so a form with a mistake comes
 * back exactly as it was typed): topics is the textarea, one topic per line; blank lines are ignored.
 */
public record SubscriptionForm(String email, String topics, String frequency, String timezone, String sendHour,
        String weekday) {

    /** An empty subscribe form: daily at 8 in UTC, weekly on Monday. */
    public static final SubscriptionForm BLANK = new SubscriptionForm("", "", "DAILY", "UTC", "8", "MONDAY");

    /** The form filled with a subscription as it is stored. */
    public static SubscriptionForm of(SubscriptionView view) {
        return new SubscriptionForm(view.email(), String.join("\n", view.topics()), view.frequency().name(),
                view.timezone(), Integer.toString(view.sendHour()), view.weekday().name());
    }

    /** The non-blank lines of the topics textarea, stripped. */
    public List<String> topicList() {
        List<String> list = new ArrayList<>();
        for (String line : lines()) {
            if (!line.isBlank()) {
                list.add(line.strip());
            }
        }
        return list;
    }

    /** The 1-based textarea line of the topic at {@code index} of {@link #topicList()}. */
    public int lineOfTopic(int index) {
        List<String> lines = lines();
        int seen = -1;
        for (int line = 0; line < lines.size(); line++) {
            if (!lines.get(line).isBlank() && ++seen == index) {
                return line + 1;
            }
        }
        return index + 1;
    }

    /** The sign-up this form asks for; call {@link #sendHourProblem()} first. */
    public SubscriptionRequest request() {
        return new SubscriptionRequest(email == null ? null : email.strip(), topicList(), blankToNull(frequency),
                blankToNull(timezone), hour(), blankToNull(weekday));
    }

    /** The change this form asks for: topics and the whole schedule; call {@link #sendHourProblem()} first. */
    public SubscriptionUpdate update() {
        return new SubscriptionUpdate(topicList(), blankToNull(frequency), blankToNull(timezone), hour(),
                blankToNull(weekday));
    }

    /** What is wrong with the hour before it can even be validated as a number (else null). */
    public String sendHourProblem() {
        try {
            hour();
            return null;
        } catch (NumberFormatException e) {
            return "Must be an hour from 0 to 23.";
        }
    }

    /** Whether an option of a select or radio group is the chosen one. */
    public boolean frequencyIs(String value) {
        return value.equals(frequency);
    }

    public boolean weekdayIs(String value) {
        return value.equals(weekday);
    }

    public boolean sendHourIs(String value) {
        return sendHour != null && value.equals(sendHour.strip());
    }

    private Integer hour() {
        String value = blankToNull(sendHour);
        return value == null ? null : Integer.valueOf(value.strip());
    }

    private List<String> lines() {
        return topics == null ? List.of() : List.of(topics.split("\\R", -1));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
