package jp.nimo.projection.indicators;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseFact;
import jp.nimo.cases.CaseFact.CommunityTransitionSupportApplied;
import jp.nimo.cases.CaseFact.ConsultationReceived;
import jp.nimo.cases.CaseFact.InpatientVisitedByCommunitySupporter;
import jp.nimo.cases.CaseFact.OutreachVisitConducted;
import jp.nimo.cases.CaseFact.PoliceReportReceived;
import jp.nimo.cases.CaseFact.RentalRefused;
import jp.nimo.cases.CaseFact.CommunityTransitionSupportGranted;
import jp.nimo.cases.CaseFact.TransportedUnderArticle34;
import jp.nimo.cases.CaseFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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
        return of(CaseFacts.decode(event));
    }

    public static List<Count> of(CaseFact fact) {
        List<Count> counts = new ArrayList<>();
        if (fact instanceof RentalRefused refused) {
            counts.add(new Count(Measure.RENTAL_REFUSALS, Measure.TOTAL));
            counts.add(new Count(Measure.RENTAL_REFUSALS, Measure.part(CaseFacts.REASON, orUnspecified(refused.reason()))));
        } else if (fact instanceof OutreachVisitConducted visit) {
            counts.add(new Count(Measure.OUTREACH_VISITS, Measure.TOTAL));
            // a profession named twice in one visit still counts once for it
            for (String profession : new LinkedHashSet<>(visit.visitorProfessions())) {
                counts.add(new Count(Measure.OUTREACH_VISITS, Measure.part(CaseFacts.VISITOR_PROFESSIONS, profession)));
            }
        } else if (fact instanceof PoliceReportReceived report) {
            counts.add(new Count(Measure.POLICE_REPORTS, Measure.TOTAL));
            counts.add(new Count(Measure.POLICE_REPORTS, Measure.part(CaseFacts.OUTCOME, orUnspecified(report.outcome()))));
            Boolean resident = report.resident();
            String residence = resident == null ? ProjectedIndicators.UNSPECIFIED
                    : resident ? ProjectedIndicators.RESIDENT : ProjectedIndicators.NON_RESIDENT;
            counts.add(new Count(Measure.POLICE_REPORTS, Measure.part(CaseFacts.RESIDENT, residence)));
        } else if (fact instanceof CommunityTransitionSupportApplied) {
            counts.add(new Count(Measure.COMMUNITY_TRANSITION_SUPPORT_APPLICATIONS, Measure.TOTAL));
        } else if (fact instanceof TransportedUnderArticle34 transport) {
            counts.add(new Count(Measure.ARTICLE_34_TRANSPORTS, Measure.TOTAL));
            counts.add(new Count(Measure.ARTICLE_34_TRANSPORTS,
                    Measure.part(CaseFacts.REQUESTED_BY, orUnspecified(transport.requestedBy()))));
        } else if (fact instanceof CommunityTransitionSupportGranted) {
            counts.add(new Count(Measure.COMMUNITY_TRANSITION_SUPPORT_GRANTS, Measure.TOTAL));
        } else if (fact instanceof InpatientVisitedByCommunitySupporter) {
            counts.add(new Count(Measure.INPATIENT_VISITS_BY_COMMUNITY_SUPPORTERS, Measure.TOTAL));
        } else if (fact instanceof ConsultationReceived consultation
                && COMMUNITY_GENERAL_SUPPORT_CENTRE.equals(consultation.referrerType())) {
            counts.add(new Count(Measure.ELDERLY_CARE_CENTRE_CONSULTATIONS, Measure.TOTAL));
        }
        // the other kinds count only together with other events of the case
        return counts;
    }

    /** An enumerated field's code, or UNSPECIFIED where the event does not have it. */
    static String orUnspecified(String code) {
        return code != null && !code.isBlank() ? code : ProjectedIndicators.UNSPECIFIED;
    }
}
