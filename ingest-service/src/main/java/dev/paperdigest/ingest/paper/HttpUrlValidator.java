package dev.paperdigest.ingest.paper;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link HttpUrl}. */
public class HttpUrlValidator implements ConstraintValidator<HttpUrl, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isHttpUrl(value);
    }

    /** Whether {@code value} is an absolute http(s) URL with a host, no user info, and no space, control or format character. */
    public static boolean isHttpUrl(String value) {
        if (value.codePoints().anyMatch(HttpUrlValidator::forbidden)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean forbidden(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.CONTROL
                || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|'
                || c == '}';
    }
}
