package jp.nimo.infra.openapi;

import com.fasterxml.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

import java.lang.reflect.Type;
import java.util.Set;

/**
 * A member held as a JSON tree (e.g. a plan's roles, stored as written) is any JSON of its kind: an
 * array for an ArrayNode, an object for an ObjectNode, anything for a JsonNode; not the tree's Java API.
 * The REST layer's trees are Jackson 3's; the schema generator itself still describes types through
 * Jackson 2, whose trees are known here too so that a stored tree answered as is reads the same.
 */
public class JsonTreesAsAnyJson implements PropertyCustomizer {

    @Override
    public Schema customize(Schema property, AnnotatedType annotated) {
        Type type = annotated.getType();
        Class<?> raw = type instanceof JavaType java ? java.getRawClass() : type instanceof Class<?> c ? c : null;
        if (raw == null || !(JsonNode.class.isAssignableFrom(raw)
                || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(raw))) {
            return property;
        }
        Schema<Object> any = new JsonSchema();
        if (ArrayNode.class.isAssignableFrom(raw)
                || com.fasterxml.jackson.databind.node.ArrayNode.class.isAssignableFrom(raw)) {
            any.setTypes(Set.of("array"));
        } else if (ObjectNode.class.isAssignableFrom(raw)
                || com.fasterxml.jackson.databind.node.ObjectNode.class.isAssignableFrom(raw)) {
            any.setTypes(Set.of("object"));
        }
        return any.description(property.getDescription());
    }
}
