package jp.nimo.infra.web.input;

import tools.jackson.databind.JsonNode;
import jp.nimo.cases.AgeBand;
import jp.nimo.reference.Areas;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads a new case as a client sends it: {@code {"municipality":"13110","externalRef":"MG-001","ageBand":"40-49"}}. */
public final class NewCaseInput {

    public static final int MAX_EXTERNAL_REF = 100;
    private static final Set<String> FIELDS = Set.of("municipality", "externalRef", "ageBand");

    /** A new case as read; the external reference is the organisation's own file number, personal data. */
    public record NewCase(MunicipalityCode municipality, String externalRef, AgeBand ageBand) {
    }

    private final Areas areas;

    public NewCaseInput(Areas areas) {
        this.areas = areas;
    }

    public NewCase read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a new case"));
            }
        }
        MunicipalityCode municipality = null;
        JsonNode m = body.get("municipality");
        if (m == null || m.isNull()) {
            errors.add(new FieldError("municipality", "is required"));
        } else {
            try {
                municipality = MunicipalityCode.of(m.isString() ? m.asString() : null);
                if (!areas.isKnown(municipality)) {
                    errors.add(new FieldError("municipality", "is not a known municipality (see GET /api/reference/municipalities)"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("municipality", e.getMessage()));
            }
        }
        String externalRef = null;
        JsonNode ref = body.get("externalRef");
        if (ref != null && !ref.isNull()) {
            if (!ref.isString() || ref.asString().isBlank()) {
                errors.add(new FieldError("externalRef", "must be a non-blank string"));
            } else if (ref.asString().length() > MAX_EXTERNAL_REF) {
                errors.add(new FieldError("externalRef", "must be at most " + MAX_EXTERNAL_REF + " characters"));
            } else {
                externalRef = ref.asString();
            }
        }
        AgeBand ageBand = null;
        JsonNode age = body.get("ageBand");
        if (age != null && !age.isNull()) {
            try {
                ageBand = AgeBand.of(age.isString() ? age.asString() : null);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("ageBand", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NewCase(municipality, externalRef, ageBand);
    }
}
