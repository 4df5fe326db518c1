package dev.paperdigest.notify.subscription;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A topic query that {@link dev.paperdigest.notify.matching.query.TopicQueryParser} accepts. */
@Constraint(validatedBy = ParsableTopicQueryValidator.class)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
public @interface ParsableTopicQuery {

    String message() default "is not a valid query";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
