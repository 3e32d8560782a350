package jp.nimo.infra.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answers leave out null fields, except those marked {@code @JsonInclude(ALWAYS)}: a count hidden by
 * small-count suppression is written out as null. The schema of such a field admits null.
 */
public class NullableWhenAlwaysIncluded implements PropertyCustomizer {

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (type.getCtxAnnotations() == null) {
            return property;
        }
        for (Annotation annotation : type.getCtxAnnotations()) {
            if (annotation instanceof JsonInclude include && include.value() == JsonInclude.Include.ALWAYS) {
                if (property.get$ref() != null) {
                    // a reference cannot carry a type of its own: null or the referenced schema
                    Schema<?> nullable = new io.swagger.v3.oas.models.media.JsonSchema();
                    nullable.setAnyOf(java.util.List.of(new io.swagger.v3.oas.models.media.JsonSchema().$ref(property.get$ref()),
                            new io.swagger.v3.oas.models.media.JsonSchema().types(Set.of("null"))));
                    return nullable;
                }
                Set<String> types = property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
                if (types.isEmpty() && property.getType() != null) {
                    types.add(property.getType());
                }
                if (!types.isEmpty()) {
                    types.add("null");
                    property.setTypes(types);
                }
            }
        }
        return property;
    }
}
