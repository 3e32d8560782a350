package jp.nimo.infra.web.input;

import tools.jackson.databind.JsonNode;
import jp.nimo.cases.AgeBand;
import jp.nimo.reference.Areas;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;

import jp.nimo.cases.EventAgeBand;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * Reads a new case as a client sends it: {@code {"municipality":"13110","externalRef":"MG-001","ageBand":"40-49"}},
 * optionally with the person's {@code "birthYearMonth":"1962-04"} (personal data, sealed like the external
 * reference), from which the age band at every event is known; without an age band it also gives the case's.
 */
public final class NewCaseInput {

    public static final int MAX_EXTERNAL_REF = 100;
    private static final Set<String> FIELDS = Set.of("municipality", "externalRef", "ageBand", "birthYearMonth");
    static final YearMonth EARLIEST_BIRTH = YearMonth.of(1900, 1);

    /** A new case as read; the external reference is the organisation's own file number, personal data. */
    public record NewCase(MunicipalityCode municipality, String externalRef, AgeBand ageBand, YearMonth birthYearMonth) {

        public NewCase(MunicipalityCode municipality, String externalRef, AgeBand ageBand) {
            this(municipality, externalRef, ageBand, null);
        }
    }

    private final Areas areas;

    public NewCaseInput(Areas areas) {
        this.areas = areas;
    }

    public NewCase read(JsonNode body) {
        return read(body, LocalDate.now(JAPAN));
    }

    /** Reads a new case opened on {@code today} (the birth year-month may not lie after it). */
    public NewCase read(JsonNode body, LocalDate today) {
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
        YearMonth born = null;
        JsonNode birth = body.get("birthYearMonth");
        if (birth != null && !birth.isNull()) {
            born = birthYearMonth(birth, today, errors);
            if (born != null) {
                AgeBand now = AgeBand.of(tenYearBand(EventAgeBand.at(born, today)));
                if (ageBand == null) {
                    ageBand = now;
                } else if (!ageBand.equals(now)) {
                    errors.add(new FieldError("birthYearMonth", "gives the age band " + now.value() + " today, not "
                            + ageBand.value()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NewCase(municipality, externalRef, ageBand, born);
    }

    private static YearMonth birthYearMonth(JsonNode value, LocalDate today, List<FieldError> errors) {
        YearMonth born;
        try {
            born = value.isString() && value.asString().matches("\\d{4}-\\d{2}") ? YearMonth.parse(value.asString()) : null;
        } catch (DateTimeParseException e) {
            born = null;
        }
        if (born == null) {
            errors.add(new FieldError("birthYearMonth", "must be a year and month, e.g. 1962-04"));
        } else if (born.isAfter(YearMonth.from(today))) {
            errors.add(new FieldError("birthYearMonth", "lies in the future"));
        } else if (born.isBefore(EARLIEST_BIRTH)) {
            errors.add(new FieldError("birthYearMonth", "lies before " + EARLIEST_BIRTH));
        } else {
            return born;
        }
        return null;
    }

    /** The case's ten-year band for a band at an event (the sixties are one band there). */
    private static String tenYearBand(EventAgeBand band) {
        return band.value().startsWith("6") ? "60-69" : band.value();
    }
}
