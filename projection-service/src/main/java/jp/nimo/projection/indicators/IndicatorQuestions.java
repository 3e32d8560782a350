package jp.nimo.projection.indicators;

import jp.nimo.projection.councils.MeetingIndicators;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.Areas;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * The indicator question as GET /api/indicators and the indicators page both ask it: which indicators,
 * which areas, which fiscal year, known at when. One reading, so the page cannot answer what the API would refuse.
 */
@Component
public class IndicatorQuestions {

    private final IndicatorAnswers answers;
    private final ProjectedIndicators projected;
    private final MeetingIndicators meetings;
    private final Indicators indicators;
    private final Areas areas;
    private final Clock clock;

    public IndicatorQuestions(IndicatorAnswers answers, ProjectedIndicators projected, MeetingIndicators meetings,
                              Indicators indicators, Areas areas, Clock clock) {
        this.answers = answers;
        this.meetings = meetings;
        this.projected = projected;
        this.indicators = indicators;
        this.areas = areas;
        this.clock = clock;
    }

    /** The figures for a reader already admitted; every field at fault is named in one InvalidInputException. */
    public IndicatorAnswer answer(Disclosure disclosure, String indicator, String municipality, String region,
                                  String fiscalYear, String asOf) {
        List<FieldError> errors = new ArrayList<>();
        List<Definition> definitions = definitions(indicator, errors);
        List<Indicator> fromMeetings = fromMeetings(indicator);
        List<IndicatorAnswers.Selection> selections = selections(municipality, region, errors);
        AsOf knownAt = null;
        try {
            knownAt = AsOf.parse(asOf, clock);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        Integer year = fiscalYear(fiscalYear, knownAt, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return answers.answer(definitions, fromMeetings, selections, year, knownAt.at(), disclosure);
    }

    /** The indicators computed from council meetings asked for: all of them when none is named. */
    private List<Indicator> fromMeetings(String code) {
        if (code == null || code.isBlank()) {
            return meetings.all();
        }
        return meetings.indicator(code.trim()).map(List::of).orElse(List.of());
    }

    private List<Definition> definitions(String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            return List.copyOf(projected.all());
        }
        Optional<Definition> definition = projected.definition(code.trim());
        if (definition.isPresent()) {
            return List.of(definition.get());
        }
        if (meetings.indicator(code.trim()).isPresent()) {
            return List.of();
        }
        errors.add(new FieldError("indicator", indicators.indicator(code.trim()).isPresent()
                ? "is recorded by hand (MANUAL), not computed: its figures are the issues' actuals"
                : "is not a known indicator (see /api/reference/indicators)"));
        return List.of();
    }

    private List<IndicatorAnswers.Selection> selections(String municipality, String region, List<FieldError> errors) {
        if (municipality != null && region != null) {
            errors.add(new FieldError("region", "give municipality or region, not both"));
            return List.of();
        }
        if (municipality != null) {
            Optional<Municipality> known = Optional.empty();
            try {
                known = areas.municipality(MunicipalityCode.of(municipality.trim()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (known.isEmpty()) {
                errors.add(new FieldError("municipality", "is not a known municipality code (e.g. 13110)"));
                return List.of();
            }
            return List.of(new IndicatorAnswers.Selection(areas.region(known.get().region()).orElseThrow(),
                    known.get().code().value()));
        }
        if (region != null) {
            Optional<Region> known = Optional.empty();
            try {
                known = areas.region(RegionCode.of(region.trim()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (known.isEmpty()) {
                errors.add(new FieldError("region", "is not a known region code (e.g. 13-ku-seinambu)"));
                return List.of();
            }
            return List.of(new IndicatorAnswers.Selection(known.get(), null));
        }
        return areas.regions().stream().map(r -> new IndicatorAnswers.Selection(r, null)).toList();
    }

    /** The fiscal year asked for, or the one the knowledge time falls in. */
    private static Integer fiscalYear(String value, AsOf asOf, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return asOf == null ? null : FiscalYear.containing(LocalDate.ofInstant(asOf.at(), JAPAN)).startYear();
        }
        try {
            return FiscalYear.of(Integer.parseInt(value.trim())).startYear();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("fiscalYear", "must be the year a fiscal year starts in, e.g. 2024 for 2024-04"
                    + " to 2025-03"));
            return null;
        }
    }
}
