package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Parses the query and, when it does not parse, reports the parser's reason and position. The reason goes in as a
 * message parameter, never into the template itself, so nothing a subscriber writes is interpolated as an
 * expression.
 */
public class ParsableTopicQueryValidator implements ConstraintValidator<ParsableTopicQuery, String> {

    // Stateless and thread-safe; the validator is built with the validator factory, before CDI can inject.
    private static final TopicQueryParser PARSER = new TopicQueryParser();

    @Override
    public boolean isValid(String query, ConstraintValidatorContext context) {
        if (query == null || query.isBlank() || !query.matches(SubscriptionFields.NO_CONTROL_CHARACTER)) {
            return true; // reported by the other constraints of @TopicText
        }
        try {
            PARSER.parse(query);
            return true;
        } catch (InvalidTopicQueryException e) {
            context.disableDefaultConstraintViolation();
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("reason", e.getMessage())
                    .addMessageParameter("position", e.position())
                    .buildConstraintViolationWithTemplate("is not a valid query at position {position}: {reason}")
                    .addConstraintViolation();
            return false;
        }
    }
}
