package jp.nimo.command.cases;

import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jp.nimo.cases.AgeBand;
import jp.nimo.infra.web.input.CaseEventInput;
import jp.nimo.infra.openapi.ComponentSchemas;
import jp.nimo.reference.EnumValue;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static jp.nimo.infra.openapi.ComponentSchemas.ofType;
import static jp.nimo.infra.openapi.ComponentSchemas.ref;

/**
 * The body of {@code POST /api/cases/{caseId}/events}, generated from the event-kind catalogue the
 * write side validates against: {@code CaseEvent} is one of {@code CaseEvent.<kind>} by {@code kind},
 * each with the kind's fields (enumerations as enums, required fields required) and the common note.
 */
@Component
public class CaseEventSchemas implements ComponentSchemas {

    public static final String CASE_EVENT = "CaseEvent";
    private static final String KIND_PREFIX = CASE_EVENT + ".";
    private static final String ENUM_PREFIX = "CaseEventValue.";

    private final EventKindCatalogue catalogue;

    public CaseEventSchemas(EventKindCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Map<String, Schema<?>> schemas() {
        Map<String, Schema<?>> schemas = new TreeMap<>();
        schemas.put("AgeBand", ComponentSchemas.enumOf(AgeBand.VALUES, "A ten-year age band: enough for statistics,"
                + " never a date of birth."));
        Discriminator discriminator = new Discriminator().propertyName("kind");
        List<Schema> kinds = new ArrayList<>();
        for (EventKind kind : catalogue.kinds()) {
            String name = KIND_PREFIX + kind.kind();
            schemas.put(name, kind(kind, schemas));
            kinds.add(ref(name));
            discriminator.mapping(kind.kind(), "#/components/schemas/" + name);
        }
        Schema<Object> event = new JsonSchema();
        event.setOneOf(kinds);
        event.discriminator(discriminator).description("A case event as a support worker records it (catalogue version "
                + catalogue.version() + "): its `kind`, the date it happened on, and the kind's fields. Fields a kind"
                + " does not declare are refused; personal fields (free text) are sealed under the case's key.");
        schemas.put(CASE_EVENT, event);
        return schemas;
    }

    private Schema<?> kind(EventKind kind, Map<String, Schema<?>> schemas) {
        Schema<Object> schema = new JsonSchema().types(java.util.Set.of("object"));
        schema.title(kind.label().ja() + " (" + kind.label().en() + ")")
                .description("Group " + kind.group() + "." + (kind.requiresConsent().isEmpty() ? ""
                        : " Needs the person's consent: " + kind.requiresConsent().stream()
                        .map(c -> c.purpose()).distinct().collect(Collectors.joining(", ")) + "."));
        Map<String, Schema> properties = new LinkedHashMap<>();
        Schema<Object> kindName = new JsonSchema().types(java.util.Set.of("string"));
        kindName.setConst(kind.kind());
        properties.put("kind", kindName);
        properties.put("occurredOn", ofType("string").format("date")
                .description("発生日 (Occurred on): the date it happened, in Japan; not in the future."));
        List<String> required = new ArrayList<>(List.of("kind", "occurredOn"));
        List<FieldSpec> fields = new ArrayList<>(kind.fields());
        fields.addAll(catalogue.commonFields());
        for (FieldSpec field : fields) {
            properties.put(field.name(), field(field, schemas));
            if (field.required()) {
                required.add(field.name());
            }
            field.former().ifPresent(former -> properties.put(former, field(field, schemas).deprecated(true)
                    .description("The former name of `" + field.name() + "`, still accepted: send `" + field.name() + "`.")));
        }
        schema.setProperties(properties);
        schema.setRequired(required);
        schema.setAdditionalProperties(false);
        return schema;
    }

    private static Schema<?> field(FieldSpec field, Map<String, Schema<?>> schemas) {
        Schema<?> schema = switch (field.type()) {
            case STRING -> ofType("string").minLength(1).maxLength(CaseEventInput.MAX_STRING);
            case TEXT -> ofType("string").minLength(1).maxLength(CaseEventInput.MAX_TEXT);
            case INTEGER -> {
                Schema<?> integer = ofType("integer");
                if (field.min() != null) {
                    integer.minimum(java.math.BigDecimal.valueOf(field.min()));
                }
                if (field.max() != null) {
                    integer.maximum(java.math.BigDecimal.valueOf(field.max()));
                }
                yield integer;
            }
            case BOOLEAN -> ofType("boolean");
            case DATE -> ofType("string").format("date");
            case MUNICIPALITY -> ofType("string").pattern("^[0-9]{5}$");
            case ENUM -> enumRef(field, schemas);
            case ENUM_LIST -> {
                Schema<?> list = ofType("array").items(enumRef(field, schemas));
                yield field.required() ? list.minItems(1) : list;
            }
        };
        String label = field.label().ja() + " (" + field.label().en() + ")";
        return schema.description(field.personal() ? label + ": personal data, sealed under the case's key." : label);
    }

    /** The enumeration as a component of its own, shared by every kind that uses it. */
    private static Schema<?> enumRef(FieldSpec field, Map<String, Schema<?>> schemas) {
        String name = ENUM_PREFIX + field.enumName();
        schemas.computeIfAbsent(name, n -> ComponentSchemas.enumOf(field.values().stream().map(EnumValue::code).toList(),
                field.values().stream().map(v -> "`" + v.code() + "` " + v.label().ja() + " (" + v.label().en() + ")")
                        .collect(Collectors.joining("; "))));
        return ref(name);
    }
}
