package dev.paperdigest.notify.subscription;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The rules of the schedule members, written once for sign-ups and changes (each part reports its own message). */
public final class ScheduleConstraints {

    private ScheduleConstraints() {
    }

    /** INSTANT, DAILY or WEEKLY. */
    @Pattern(regexp = "INSTANT|DAILY|WEEKLY", message = "must be INSTANT, DAILY or WEEKLY")
    @Constraint(validatedBy = {})
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    public @interface FrequencyName {
        String message() default "must be INSTANT, DAILY or WEEKLY";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An hour of the day, 0 to 23. */
    @Min(0)
    @Max(23)
    @Constraint(validatedBy = {})
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    public @interface SendHour {
        String message() default "must be an hour from 0 to 23";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A day of the week in capitals. */
    @Pattern(regexp = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY",
            message = "must be a day of the week in capitals, e.g. MONDAY")
    @Constraint(validatedBy = {})
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    public @interface WeekdayName {
        String message() default "must be a day of the week in capitals, e.g. MONDAY";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
