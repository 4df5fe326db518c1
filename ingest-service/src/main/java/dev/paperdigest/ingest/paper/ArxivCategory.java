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
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An arXiv category such as {@code cs.CL}, {@code hep-th}, {@code cond-mat.str-el} or {@code math.GT}. */
@Documented
@Constraint(validatedBy = {})
@Size(max = 40)
@Pattern(regexp = "[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z]+(?:-[A-Za-z]+)?)?")
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface ArxivCategory {

    String message() default "must be an arXiv category such as cs.CL or hep-th";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
