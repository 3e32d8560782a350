package jp.nimo.projection.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.projection.shared.BundledLabels;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Organisations;
import jp.nimo.reference.EnumValue;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.Label;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reference data that forms and clients are generated from. Every item has its code and its
 * Japanese ({@code label}) and English ({@code labelEn}) names.
 */
@RestController
@Tag(name = "reference")
@RequestMapping("/api/reference")
public class ReferenceController {

    private final EventKindCatalogue catalogue;
    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final Organisations organisations;
    private final Indicators indicators;
    private final BundledLabels labels;

    public ReferenceController(EventKindCatalogue catalogue, Areas areas, Categories categories, Councils councils,
                               Organisations organisations, Indicators indicators, BundledLabels labels) {
        this.catalogue = catalogue;
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.organisations = organisations;
        this.indicators = indicators;
        this.labels = labels;
    }

    /** Every kind with all the fields a client sends: the envelope, its own fields and the common note. */
    @GetMapping("/event-kinds")
    @Operation(operationId = "getEventKinds",
            summary = "The event-kind catalogue", description = "Every kind of case event with its fields,"
                    + " enumerations and labels: the catalogue forms and clients are generated from, and the write"
                    + " side validates against.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "EventKindCatalogue")))
    public Map<String, Object> eventKinds() {
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (EventKind kind : catalogue.kinds()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            kind.fields().forEach(f -> fields.add(field(f)));
            catalogue.commonFields().forEach(f -> fields.add(field(f)));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", kind.kind());
            item.put("group", kind.group());
            item.putAll(labelled(kind.label()));
            if (kind.unboundedBackdating() != null) {
                // the field values for which the date may lie before the backdating limit ({} for any)
                item.put("unboundedBackdating", Map.of("when", kind.unboundedBackdating()));
            }
            item.put("fields", fields);
            kinds.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", catalogue.version());
        answer.put("envelope", List.of(
                envelopeField("kind", "KIND"), envelopeField("occurredOn", "DATE")));
        answer.put("groups", catalogue.groups().stream()
                .map(g -> item(g.code(), g.label())).toList());
        answer.put("kinds", kinds);
        return answer;
    }

    @GetMapping("/municipalities")
    @Operation(operationId = "listMunicipalities",
            summary = "Municipalities", description = "Every municipality with its region and prefecture.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "Municipalities")))
    public Map<String, Object> municipalities() {
        return list(Areas.VERSION, areas.municipalities().stream()
                .map(m -> item(m.code().value(), m.label(), "region", m.region().value(), "prefecture", m.prefectureCode())));
    }

    @GetMapping("/regions")
    @Operation(operationId = "listRegions",
            summary = "Regions", description = "The regions with their municipalities.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "Regions")))
    public Map<String, Object> regions() {
        return list(Areas.VERSION, areas.regions().stream()
                .map(r -> item(r.code().value(), r.label(), "prefecture", r.prefectureCode(),
                        "municipalities", r.municipalities().stream().map(m -> m.value()).toList())));
    }

    @GetMapping("/categories")
    @Operation(operationId = "listCategories",
            summary = "Issue categories", description = "The categories regional issues are filed under.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "Categories")))
    public Map<String, Object> categories() {
        return list(categories.version(), categories.all().stream()
                .map(c -> item(c.code(), c.label(), "source", c.source())));
    }

    @GetMapping("/councils")
    @Operation(operationId = "listCouncils",
            summary = "Councils", description = "The councils with their level, the areas they cover and their"
                    + " secretariat.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "Councils")))
    public Map<String, Object> councils() {
        return list(councils.version(), councils.all().stream()
                .map(c -> item(c.id(), c.label(), "id", c.id(), "level", c.level().name(),
                        "municipalities", c.municipalities(), "regions", c.regions(), "secretariat", c.secretariat())));
    }

    @GetMapping("/organisations")
    @Operation(operationId = "listOrganisations",
            summary = "Organisations", description = "The organisations whose workers use Nimo.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "Organisations")))
    public Map<String, Object> organisations() {
        return list(organisations.version(), organisations.all().stream()
                .map(o -> item(o.id(), o.label(), "type", o.type(), "municipality", o.municipality(),
                        "region", o.region())));
    }

    @GetMapping("/indicators")
    @Operation(operationId = "listIndicatorDefinitions",
            summary = "Indicators", description = "The indicators targets and figures are kept for.")
    @ApiResponse(responseCode = "200", description = "The reference data.",
            content = @Content(schema = @Schema(ref = "IndicatorDefinitions")))
    public Map<String, Object> indicators() {
        return list(indicators.version(), indicators.all().stream().map(i -> {
            Map<String, Object> item = item(i.code(), i.label(), "unit", i.unit(), "direction", i.direction(),
                    "source", i.source(), "category", i.category());
            if (i.definition() != null) {
                Map<String, Object> definition = new LinkedHashMap<>();
                definition.put("numerator", i.definition().numerator());
                if (i.definition().denominator() != null) {
                    definition.put("denominator", i.definition().denominator());
                }
                definition.put("businessDate", i.definition().businessDate());
                definition.put("differsFromPublished", i.definition().differsFromPublished());
                item = new LinkedHashMap<>(item);
                item.put("definition", definition);
            }
            return item;
        }));
    }

    /** A field every recorded event has besides its kind's own, named in the bundle (cases.envelope.*). */
    private Map<String, Object> envelopeField(String name, String type) {
        Map<String, Object> field = new LinkedHashMap<>(Map.of("name", name, "type", type, "required", true));
        field.putAll(labelled(labels.label("cases.envelope." + name)));
        return field;
    }

    private static Map<String, Object> field(FieldSpec spec) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", spec.name());
        field.put("type", spec.type().name());
        field.put("required", spec.required());
        field.put("personal", spec.personal());
        field.putAll(labelled(spec.label()));
        if (spec.isEnumerated()) {
            field.put("enum", spec.enumName());
            field.put("values", spec.values().stream().map(ReferenceController::value).toList());
        }
        if (spec.min() != null) {
            field.put("min", spec.min());
        }
        if (spec.max() != null) {
            field.put("max", spec.max());
        }
        // the name an earlier catalogue gave the field, still accepted on input for a while
        spec.former().ifPresent(former -> field.put("formerName", former));
        return field;
    }

    private static Map<String, Object> value(EnumValue value) {
        return item(value.code(), value.label());
    }

    /** A list of the reference data at its version. */
    private static Map<String, Object> list(Object version, Stream<Map<String, Object>> items) {
        return Map.of("version", version, "items", items.toList());
    }

    /** An entry of a list: its code, its label in Japanese and English, then its own members by name (none null). */
    private static Map<String, Object> item(String code, Label label, Object... members) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.putAll(labelled(label));
        for (int i = 0; i < members.length; i += 2) {
            if (members[i + 1] != null) {
                item.put((String) members[i], members[i + 1]);
            }
        }
        return item;
    }

    private static Map<String, Object> labelled(Label label) {
        return Map.of("label", label.ja(), "labelEn", label.en());
    }
}
