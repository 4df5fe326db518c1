package dev.paperdigest.notify.web;

import io.quarkus.qute.TemplateGlobal;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The options of the select, radio and datalist fields of the page forms, for every page template. */
@TemplateGlobal
public final class ScheduleChoices {

    /** One option: the value the form sends, and what the reader sees. */
    public record Choice(String value, String label) {
    }

    /** How often, as radio buttons. */
    public static final List<Choice> frequencies = List.of(
            new Choice("INSTANT", "As papers appear: those of the same minute in one mail"),
            new Choice("DAILY", "Daily digest, at the hour below"),
            new Choice("WEEKLY", "Weekly digest, on the day and at the hour below"));

    /** 0 to 23, shown as 00:00 to 23:00. */
    public static final List<Choice> hours = IntStream.range(0, 24)
            .mapToObj(hour -> new Choice(Integer.toString(hour), String.format(Locale.ROOT, "%02d:00", hour)))
            .toList();

    public static final List<Choice> weekdays = Arrays.stream(DayOfWeek.values())
            .map(day -> new Choice(day.name(), day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)))
            .toList();

    /** Suggestions of the time zone input; any IANA id is accepted. */
    public static final List<String> commonZones = List.of("UTC",
            "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam",
            "Europe/Zurich", "Europe/Rome", "Europe/Madrid", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens",
            "Europe/Helsinki", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow",
            "America/New_York", "America/Toronto", "America/Chicago", "America/Denver", "America/Los_Angeles",
            "America/Vancouver", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires", "Africa/Lagos", "Africa/Cairo", "Africa/Nairobi",
            "Africa/Johannesburg", "Asia/Dubai", "Asia/Tehran", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
            "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Seoul",
            "Asia/Tokyo", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland");

    /** The days a preview may look back, as offered by its select (the API takes 1 to 30). */
    public static final List<String> previewDays = List.of("1", "3", "7", "14", "30");

    private ScheduleChoices() {
    }
}
