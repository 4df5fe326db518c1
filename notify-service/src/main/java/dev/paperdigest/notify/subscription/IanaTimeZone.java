package dev.paperdigest.notify.subscription;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/** An IANA time zone id such as {@code Europe/Berlin} or {@code UTC}; no offsets like {@code +02:00}. */
@Constraint(validatedBy = IanaTimeZone.Validator.class)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface IanaTimeZone {

    String message() default "must be an IANA time zone id such as Europe/Berlin";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IanaTimeZone, String> {
        @Override
        public boolean isValid(String zone, ConstraintValidatorContext context) {
            // The region ids the JDK knows (tzdb), which include UTC; fixed offsets and "Z" are not among them.
            return zone == null || (zone.length() <= 64 && ZoneId.getAvailableZoneIds().contains(zone));
        }
    }
}
