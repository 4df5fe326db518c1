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
@Pattern(regexp = ArxivCategory.REGEX)
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface ArxivCategory {

    /** archive, optionally with its subject class; feeds also list ACM and MSC classes, which this excludes. */
    String REGEX = "[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z]+(?:-[A-Za-z]+)?)?";

    String message() default "must be an arXiv category such as cs.CL or hep-th";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
