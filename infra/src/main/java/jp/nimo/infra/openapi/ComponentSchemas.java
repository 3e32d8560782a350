package jp.nimo.infra.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schemas a service derives from its own code and data (its enums, the event-kind catalogue) rather
 * than writes in a {@code *.openapi.yaml} beside its controllers, so that they cannot drift from them;
 * every bean of this type is added to the document's components.
 */
public interface ComponentSchemas {

    Map<String, Schema<?>> schemas();

    /** A JSON Schema 2020-12 schema of one type, as OpenAPI 3.1 writes it. */
    static Schema<?> ofType(String type) {
        return new JsonSchema().types(Set.of(type));
    }

    /** A string schema whose values are the constants' names. */
    static Schema<?> enumOf(Class<? extends Enum<?>> type, String description) {
        return enumOf(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(), description);
    }

    static Schema<?> enumOf(Collection<String> values, String description) {
        Schema<Object> schema = new JsonSchema().types(Set.of("string"));
        schema.setEnum(List.copyOf(values));
        return schema.description(description);
    }

    /** A reference to another component schema. */
    static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }
}
