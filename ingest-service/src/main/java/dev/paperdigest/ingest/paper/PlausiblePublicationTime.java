package dev.paperdigest.ingest.paper;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A publication time arXiv could have: from 1991 (its first year) to a day from now (clock skew). Null is valid. */
@Documented
@Constraint(validatedBy = PlausiblePublicationTime.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface PlausiblePublicationTime {

    Instant EARLIEST = Instant.parse("1991-01-01T00:00:00Z");
    Duration LATEST_AHEAD = Duration.ofDays(1);

    String message() default "must be between 1991-01-01T00:00:00Z and a day from now";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausiblePublicationTime, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null
                    || (!value.isBefore(EARLIEST) && !value.isAfter(Instant.now().plus(LATEST_AHEAD)));
        }
    }
}
