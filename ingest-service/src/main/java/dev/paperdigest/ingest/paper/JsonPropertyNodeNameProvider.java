package dev.paperdigest.ingest.paper;

import java.lang.reflect.Field;

import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Names bean-validation violations after the JSON property a client sent ({@code abstract}) rather than the Java
 * name ({@code abstractText}), so a 400 points at the field as it appears in the request.
 */
public class JsonPropertyNodeNameProvider implements PropertyNodeNameProvider {

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            try {
                Field field = bean.getDeclaringClass().getDeclaredField(bean.getName());
                JsonProperty json = field.getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException e) {
                // A getter without a field of the same name: keep the Java name.
            }
        }
        return property.getName();
    }
}
