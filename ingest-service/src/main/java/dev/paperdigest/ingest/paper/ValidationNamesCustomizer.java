package dev.paperdigest.ingest.paper;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/** Installs {@link JsonPropertyNodeNameProvider} into Quarkus' validator factory. */
@ApplicationScoped
public class ValidationNamesCustomizer implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(new JsonPropertyNodeNameProvider());
    }
}
