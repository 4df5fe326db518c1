package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.TopicText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The preview form of the manage page ({@code ?preview=<query>&days=<n>}), checked with the constraints of a
 * topic ({@link TopicText}) and of the preview API's days before anything is searched.
 */
public record PreviewQuery(
        @TopicText
        String preview,

        @NotNull
        @Pattern(regexp = "0*([1-9]|[12][0-9]|30)", message = "must be a whole number of days from 1 to 30")
        String days) {
}
