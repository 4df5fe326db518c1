package dev.paperdigest.ingest.paper;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An absolute http(s) URL with a host and no user info, free of spaces, control and format characters: links end
 * up in mails and in PostgreSQL, which cannot hold NUL. Null is valid.
 */
@Documented
@Constraint(validatedBy = HttpUrlValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface HttpUrl {

    String message() default "must be an absolute http(s) URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
