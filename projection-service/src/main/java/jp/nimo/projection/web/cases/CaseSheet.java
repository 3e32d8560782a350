package jp.nimo.projection.web.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.nimo.cases.CaseFacts;
import jp.nimo.projection.timeline.CaseTimeline;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A case's timeline in words for its page: codes become their names from the catalogue and the
 * reference data, dates are written the Japanese way, and the consents in force today are worked out
 * by the same rule the write side applies (latest entry on business time wins; expiry counts).
 */
@Component
public class CaseSheet {

    static final String OPENED = "CaseOpened";
    static final String INVOLVED = "OrganisationInvolved";
    static final String ERASED = "CaseErased";

    private final EventKindCatalogue catalogue;
    private final ReferenceWords words;
    private final Formats fmt;
    private final MessageSource messages;

    public CaseSheet(EventKindCatalogue catalogue, ReferenceWords words, Formats fmt, MessageSource messages) {
        this.catalogue = catalogue;
        this.words = words;
        this.fmt = fmt;
        this.messages = messages;
    }

    public record View(String caseId, String externalRef, boolean erased, boolean closed, String municipality,
                       String ageBand, String openedOn, String organisation, List<String> involved,
                       List<Entry> entries, List<Consent> consents, Set<String> organisationIds,
                       boolean inHousehold, List<String> householdCases) {
    }

    public record Entry(String kind, String label, String occurredOn, String recordedAt, String by,
                        List<Line> lines, String note) {
    }

    public record Line(String label, String value) {
    }

    public record Consent(String purpose, String grantedBy, String since, String until) {
    }

    public View view(CaseTimeline timeline, LocalDate today) {
        String externalRef = null;
        String openedOn = "";
        Set<String> involved = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>(List.of(timeline.organisation()));
        List<Entry> entries = new ArrayList<>();
        for (CaseTimeline.Entry e : timeline.entries()) {
            if (OPENED.equals(e.kind())) {
                externalRef = text(e.personal(), "externalRef");
                openedOn = fmt.date(e.occurredOn());
            } else if (INVOLVED.equals(e.kind())) {
                involved.add(words.organisation(text(e.fields(), "organisation")));
                ids.add(text(e.fields(), "organisation"));
            }
            entries.add(entry(e));
        }
        return new View(timeline.caseId(), externalRef, timeline.erased(), timeline.closed(),
                words.municipality(timeline.municipality()), words.ageBand(timeline.ageBand()), openedOn,
                words.organisation(timeline.organisation()), List.copyOf(involved), entries,
                consentsInForce(timeline, today), java.util.Collections.unmodifiableSet(ids),
                timeline.household() != null,
                timeline.household() == null ? List.of() : timeline.household().otherCases());
    }

    /** A kind's name: the catalogue's, or for the case's own events (opened, involved, erased) the page's words. */
    public String kindLabel(String kind) {
        return catalogue.kind(kind).map(k -> fmt.label(k.label())).orElseGet(() -> say("cases.kind." + kind, kind));
    }

    private Entry entry(CaseTimeline.Entry e) {
        List<Line> lines = new ArrayList<>();
        Optional<EventKind> kind = catalogue.kind(e.kind());
        String label;
        if (kind.isPresent()) {
            label = fmt.label(kind.get().label());
            for (FieldSpec spec : kind.get().fields()) {
                JsonNode value = spec.personal() ? (e.personal() == null ? null : e.personal().get(spec.name()))
                        : e.fields().get(spec.name());
                if (value != null && !value.isNull()) {
                    lines.add(new Line(fmt.label(spec.label()), value(spec, value)));
                }
            }
        } else {
            label = say("cases.kind." + e.kind(), e.kind());
            if (OPENED.equals(e.kind())) {
                add(lines, "cases.facts.municipality", words.municipality(text(e.fields(), "municipality")));
                add(lines, "cases.facts.ageBand", words.ageBand(text(e.fields(), "ageBand")));
                add(lines, "cases.facts.birthYearMonth", birthMonth(text(e.personal(), "birthYearMonth")));
            } else if (INVOLVED.equals(e.kind())) {
                add(lines, "cases.facts.organisation", words.organisation(text(e.fields(), "organisation")));
            }
        }
        if (e.ageBand() != null) {
            add(lines, "cases.timeline.ageAtEvent", words.ageBand(e.ageBand()));
        }
        String profession = words.profession(e.recordedBy().profession());
        String organisation = words.organisation(e.recordedBy().organisation());
        String by = profession.isEmpty()
                ? say("cases.timeline.byOrganisation", "{0} ({1})", e.recordedBy().user(), organisation)
                : say("cases.timeline.by", "{0} ({1}, {2})", e.recordedBy().user(), profession, organisation);
        return new Entry(e.kind(), label, fmt.date(e.occurredOn()), fmt.instant(e.recordedAt()), by, lines,
                text(e.personal(), "note"));
    }

    /** A birth year-month as the page writes months (1962-04 → 1962年4月). */
    private String birthMonth(String yearMonth) {
        if (yearMonth == null) {
            return null;
        }
        java.time.YearMonth month = java.time.YearMonth.parse(yearMonth);
        return Formats.english() ? month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + month.getYear() : month.getYear() + "年" + month.getMonthValue() + "月";
    }

    private void add(List<Line> lines, String key, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(new Line(say(key, key), value));
        }
    }

    private String value(FieldSpec spec, JsonNode value) {
        return switch (spec.type()) {
            case ENUM -> spec.value(value.asString()).map(v -> fmt.label(v.label())).orElse(value.asString());
            case ENUM_LIST -> {
                List<String> names = new ArrayList<>();
                value.forEach(v -> names.add(spec.value(v.asString()).map(x -> fmt.label(x.label())).orElse(v.asString())));
                yield String.join(Formats.english() ? ", " : "、", names);
            }
            case BOOLEAN -> say(value.asBoolean() ? "cases.yes" : "cases.no", String.valueOf(value.asBoolean()));
            case DATE -> fmt.date(value.asString());
            case MUNICIPALITY -> words.municipality(value.asString());
            default -> value.isValueNode() ? value.asString() : value.toString();
        };
    }

    /** The purposes consented to on the given day: per purpose the latest entry on or before it, if a grant not expired. */
    List<Consent> consentsInForce(CaseTimeline timeline, LocalDate today) {
        record Mark(CaseTimeline.Entry entry, boolean granted) {
        }
        Map<String, Mark> latest = new LinkedHashMap<>();
        timeline.entries().stream()
                .filter(e -> (CaseFacts.CONSENT_GRANTED.equals(e.kind()) || CaseFacts.CONSENT_WITHDRAWN.equals(e.kind()))
                        && !e.occurredOn().isAfter(today))
                .sorted(Comparator.comparing(CaseTimeline.Entry::occurredOn).thenComparingLong(CaseTimeline.Entry::sequence))
                .forEach(e -> latest.put(text(e.fields(), CaseFacts.PURPOSE), new Mark(e, CaseFacts.CONSENT_GRANTED.equals(e.kind()))));
        FieldSpec purposeSpec = field(CaseFacts.CONSENT_GRANTED, CaseFacts.PURPOSE);
        FieldSpec giverSpec = field(CaseFacts.CONSENT_GRANTED, CaseFacts.GRANTED_BY);
        List<Consent> inForce = new ArrayList<>();
        latest.forEach((purpose, mark) -> {
            if (!mark.granted() || purpose == null) {
                return;
            }
            String until = text(mark.entry().fields(), CaseFacts.VALID_UNTIL);
            if (until != null && LocalDate.parse(until).isBefore(today)) {
                return;
            }
            JsonNode giver = mark.entry().fields().get(CaseFacts.GRANTED_BY);
            inForce.add(new Consent(
                    purposeSpec == null ? purpose : purposeSpec.value(purpose).map(v -> fmt.label(v.label())).orElse(purpose),
                    giver == null || giverSpec == null ? "" : value(giverSpec, giver),
                    fmt.date(mark.entry().occurredOn()), until == null ? "" : fmt.date(until)));
        });
        return inForce;
    }

    private FieldSpec field(String kind, String name) {
        return catalogue.kind(kind).flatMap(k -> k.field(name)).orElse(null);
    }

    private static String text(JsonNode node, String name) {
        if (node == null || node.get(name) == null || node.get(name).isNull()) {
            return null;
        }
        return node.get(name).asString();
    }

    private String say(String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, LocaleContextHolder.getLocale());
    }
}
