package dev.paperdigest.notify.web;

import dev.paperdigest.notify.preview.PreviewResult;

import java.util.List;

/**
 * The preview beside the manage form: the query and days as typed, and either what is wrong with them or what
 * the query would have matched.
 *
 * @param result null when nothing was asked or the query is not valid
 */
public record PreviewPanel(String query, String days, List<String> errors, PreviewResult result) {

    /** No preview asked for. */
    public static final PreviewPanel NONE = new PreviewPanel("", "7", List.of(), null);

    public boolean asked() {
        return result != null || !errors.isEmpty();
    }

    public boolean daysIs(String value) {
        return value.equals(days);
    }
}
