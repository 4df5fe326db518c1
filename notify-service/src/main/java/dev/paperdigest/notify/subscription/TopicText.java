package dev.paperdigest.notify.subscription;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One topic query as a subscriber may write it: not blank, at most 200 characters, no control or format character
 * (CR/LF, NUL, bidi overrides, ...), and a query that parses ({@link ParsableTopicQuery}: the message says what is
 * wrong and at which position). Each part reports its own violation.
 */
@NotBlank
@Size(max = 200)
@Pattern(regexp = SubscriptionFields.NO_CONTROL_CHARACTER, message = "must not contain control or format characters")
@ParsableTopicQuery
@Constraint(validatedBy = {})
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
public @interface TopicText {

    String message() default "must be a valid topic query";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
