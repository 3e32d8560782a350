package jp.nimo.projection.indicators;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The counts one recorded event adds by itself, whatever else the case holds: a 23条 report to the
 * reports, its outcome and whether the person is a resident; a visit to the visits and to each
 * profession that made it. Pure, so that the rules read as the indicator sheet does.
 */
public final class EventCounts {

    /** One part of one measure that an event adds 1 to. */
    public record Count(Measure measure, String part) {
    }

    static final String COMMUNITY_GENERAL_SUPPORT_CENTRE = "COMMUNITY_GENERAL_SUPPORT_CENTRE";

    private EventCounts() {
    }

    public static List<Count> of(CaseEventRecorded event) {
        List<Count> counts = new ArrayList<>();
        switch (event.kind()) {
            case "RentalRefused" -> {
                counts.add(new Count(Measure.RENTAL_REFUSALS, Measure.TOTAL));
                counts.add(new Count(Measure.RENTAL_REFUSALS, Measure.part("reason", code(event, "reason"))));
            }
            case "OutreachVisitConducted" -> {
                counts.add(new Count(Measure.OUTREACH_VISITS, Measure.TOTAL));
                for (String profession : codes(event, "visitorProfessions")) {
                    counts.add(new Count(Measure.OUTREACH_VISITS, Measure.part("visitorProfessions", profession)));
                }
            }
            case "PoliceReportReceived" -> {
                counts.add(new Count(Measure.POLICE_REPORTS, Measure.TOTAL));
                counts.add(new Count(Measure.POLICE_REPORTS, Measure.part("outcome", code(event, "outcome"))));
                Object resident = event.fields().get("resident");
                String residence = Boolean.TRUE.equals(resident) ? ProjectedIndicators.RESIDENT
                        : Boolean.FALSE.equals(resident) ? ProjectedIndicators.NON_RESIDENT : ProjectedIndicators.UNSPECIFIED;
                counts.add(new Count(Measure.POLICE_REPORTS, Measure.part("resident", residence)));
            }
            case "CommunityTransitionSupportApplied" ->
                    counts.add(new Count(Measure.COMMUNITY_TRANSITION_SUPPORT_APPLICATIONS, Measure.TOTAL));
            case "InpatientVisitedByCommunitySupporter" ->
                    counts.add(new Count(Measure.INPATIENT_VISITS_BY_COMMUNITY_SUPPORTERS, Measure.TOTAL));
            case "ConsultationReceived" -> {
                if (COMMUNITY_GENERAL_SUPPORT_CENTRE.equals(event.fields().get("referrerType"))) {
                    counts.add(new Count(Measure.ELDERLY_CARE_CENTRE_CONSULTATIONS, Measure.TOTAL));
                }
            }
            default -> {
                // the other kinds count only together with other events of the case
            }
        }
        return counts;
    }

    /** An enumerated field's code, or UNSPECIFIED where the event does not have it. */
    static String code(CaseEventRecorded event, String field) {
        Object value = event.fields().get(field);
        return value instanceof String code && !code.isBlank() ? code : ProjectedIndicators.UNSPECIFIED;
    }

    private static Set<String> codes(CaseEventRecorded event, String field) {
        Set<String> codes = new LinkedHashSet<>();
        if (event.fields().get(field) instanceof Collection<?> values) {
            values.forEach(v -> codes.add(String.valueOf(v)));
        }
        return codes;
    }
}
