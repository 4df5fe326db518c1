package dev.paperdigest.ingest.paper;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The value is an arXiv id that {@link ArxivId#parse} accepts (null is left to {@code @NotNull}). */
@Documented
@Constraint(validatedBy = ArxivIdentifier.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface ArxivIdentifier {

    String message() default "must be an arXiv id such as 2505.24864, 2505.24864v2 or cond-mat/0603029";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ArxivIdentifier, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ArxivId.tryParse(value).isPresent();
        }
    }
}
