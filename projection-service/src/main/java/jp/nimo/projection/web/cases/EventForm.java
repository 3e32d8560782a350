package jp.nimo.projection.web.cases;

import java.util.List;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.FieldType;
import org.springframework.stereotype.Component;

/**
 * The record-an-event form, generated from the same catalogue the API validates against: the kinds
 * grouped as the catalogue groups them, and per kind only its own fields with their choices.
 */
@Component
public class EventForm {

    private final EventKindCatalogue catalogue;
    private final ReferenceWords words;
    private final Formats fmt;

    public EventForm(EventKindCatalogue catalogue, ReferenceWords words, Formats fmt) {
        this.catalogue = catalogue;
        this.words = words;
        this.fmt = fmt;
    }

    public record Group(String label, List<ReferenceWords.Choice> kinds) {
    }

    public record Kind(String kind, String label, List<Field> fields) {
    }

    /** One control: {@code id} is unique in the page, {@code name} is the JSON member the API expects. */
    public record Field(String name, String id, String type, boolean required, String label,
                        List<ReferenceWords.Choice> choices, Integer min, Integer max, String preset) {

        public boolean is(String t) {
            return type.equals(t);
        }
    }

    public List<Group> groups() {
        return catalogue.groups().stream().map(g -> new Group(fmt.label(g.label()), catalogue.kinds().stream()
                .filter(k -> k.group().equals(g.code()))
                .map(k -> new ReferenceWords.Choice(k.kind(), fmt.label(k.label()))).toList())).toList();
    }

    /** Every kind's fields; {@code preset} values (e.g. the missing consent's purpose) fill the named field when it is a choice. */
    public List<Kind> kinds(String presetKind, java.util.Map<String, String> presets) {
        return catalogue.kinds().stream().map(k -> new Kind(k.kind(), fmt.label(k.label()), k.fields().stream()
                .map(f -> field(k, f, k.kind().equals(presetKind) ? presets.get(f.name()) : null)).toList())).toList();
    }

    /** The purposes a consent can be given for, to name the one a refusal says is missing. */
    public List<ReferenceWords.Choice> consentPurposes() {
        return catalogue.kind(jp.nimo.cases.CaseFacts.CONSENT_GRANTED).flatMap(k -> k.field(jp.nimo.cases.CaseFacts.PURPOSE))
                .map(f -> f.values().stream().map(v -> new ReferenceWords.Choice(v.code(), fmt.label(v.label()))).toList())
                .orElse(List.of());
    }

    public boolean known(String kind) {
        return kind != null && catalogue.contains(kind);
    }

    /** The fields every kind takes besides the date (the note). */
    public List<Field> common() {
        return catalogue.commonFields().stream().map(f -> field(null, f, null)).toList();
    }

    private Field field(EventKind kind, FieldSpec spec, String preset) {
        List<ReferenceWords.Choice> choices = switch (spec.type()) {
            case ENUM, ENUM_LIST -> spec.values().stream()
                    .map(v -> new ReferenceWords.Choice(v.code(), fmt.label(v.label()))).toList();
            case MUNICIPALITY -> words.municipalities(List.of());
            default -> List.of();
        };
        String valid = preset != null && choices.stream().anyMatch(c -> c.value().equals(preset)) ? preset : null;
        String id = (kind == null ? "common" : kind.kind()) + "-" + spec.name();
        return new Field(spec.name(), id, spec.type() == FieldType.STRING ? "STRING" : spec.type().name(), spec.required(),
                fmt.label(spec.label()), choices, spec.min(), spec.max(), valid);
    }
}
