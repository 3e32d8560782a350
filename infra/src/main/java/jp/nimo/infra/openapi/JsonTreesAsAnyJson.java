package jp.nimo.infra.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

import java.lang.reflect.Type;
import java.util.Set;

/**
 * A member held as a JSON tree (e.g. a plan's roles, stored as written) is any JSON of its kind: an
 * array for an ArrayNode, an object for an ObjectNode, anything for a JsonNode; not the tree's Java API.
 */
public class JsonTreesAsAnyJson implements PropertyCustomizer {

    @Override
    public Schema customize(Schema property, AnnotatedType annotated) {
        Type type = annotated.getType();
        Class<?> raw = type instanceof JavaType java ? java.getRawClass() : type instanceof Class<?> c ? c : null;
        if (raw == null || !JsonNode.class.isAssignableFrom(raw)) {
            return property;
        }
        Schema<Object> any = new JsonSchema();
        if (ArrayNode.class.isAssignableFrom(raw)) {
            any.setTypes(Set.of("array"));
        } else if (ObjectNode.class.isAssignableFrom(raw)) {
            any.setTypes(Set.of("object"));
        }
        return any.description(property.getDescription());
    }
}
