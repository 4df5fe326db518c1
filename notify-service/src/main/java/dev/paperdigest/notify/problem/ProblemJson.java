package dev.paperdigest.notify.problem;

/** The media type of every error answer (RFC 9457), as a constant that OpenAPI annotations can name. */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }
}
