package jp.nimo.projection.web.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.nimo.cases.AgeBand;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EnumValue;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Organisations;
import org.springframework.stereotype.Component;

/**
 * The names of the codes a case carries (municipalities, organisations, professions, age bands), in the
 * page's language, from the reference data; an unknown code is shown as it is rather than hidden.
 */
@Component
public class ReferenceWords {

    private final Areas areas;
    private final Organisations organisations;
    private final Formats fmt;
    private final Map<String, Label> professions = new LinkedHashMap<>();

    public ReferenceWords(Areas areas, Organisations organisations, EventKindCatalogue catalogue, Formats fmt) {
        this.areas = areas;
        this.organisations = organisations;
        this.fmt = fmt;
        // the catalogue keeps its enums on the fields that use them: professions come with any such field
        catalogue.kinds().stream().flatMap(k -> k.fields().stream())
                .filter(f -> "Profession".equals(f.enumName())).findFirst()
                .map(FieldSpec::values).orElse(java.util.List.of())
                .forEach((EnumValue v) -> professions.put(v.code(), v.label()));
    }

    public String municipality(String code) {
        if (code == null) {
            return "";
        }
        try {
            return areas.municipality(MunicipalityCode.of(code)).map(m -> fmt.label(m.label())).orElse(code);
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    public String organisation(String id) {
        if (id == null) {
            return "";
        }
        return organisations.organisation(id).map(o -> fmt.label(o.label())).orElse(id);
    }

    public String profession(String code) {
        if (code == null) {
            return "";
        }
        Label label = professions.get(code);
        return label == null ? code : fmt.label(label);
    }

    /** "40-49" → 40〜49歳, "90+" → 90歳以上 (40–49, 90 and over). */
    public String ageBand(String band) {
        if (band == null || band.isBlank()) {
            return "";
        }
        if (band.endsWith("+")) {
            return fmt.words("format.ageFrom", band.substring(0, band.length() - 1));
        }
        String[] parts = band.split("-");
        if (parts.length != 2) {
            return band;
        }
        return fmt.words("format.ageBand", parts[0], parts[1]);
    }

    public java.util.List<Choice> ageBands() {
        return AgeBand.VALUES.stream().map(v -> new Choice(v, ageBand(v))).toList();
    }

    /** The municipalities a new case may be opened in: the worker's own when they have any, else all known. */
    public java.util.List<Choice> municipalities(java.util.List<String> scope) {
        return areas.municipalities().stream()
                .filter(m -> scope.isEmpty() || scope.contains(m.code().value()))
                .map(m -> new Choice(m.code().value(), fmt.label(m.label()))).toList();
    }

    /** The organisations a case could involve: all but those already working on it. */
    public java.util.List<Choice> organisations(java.util.Set<String> except) {
        return organisations.all().stream().filter(o -> !except.contains(o.id()))
                .map(o -> new Choice(o.id(), fmt.label(o.label()))).toList();
    }

    /** A code and its name, as a select's option or a radio shows them. */
    public record Choice(String value, String label) {
    }
}
