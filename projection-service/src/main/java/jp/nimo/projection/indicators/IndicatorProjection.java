package jp.nimo.projection.indicators;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.CaseOpened;
import jp.nimo.cases.CaseFact.WelfareServiceStarted;
import jp.nimo.cases.CaseFact.Discharged;
import jp.nimo.cases.CaseFact.HospitalAdmission;
import jp.nimo.cases.CaseFact.LinkedToTreatment;
import jp.nimo.cases.CaseFact.LongStayInpatientListed;
import jp.nimo.cases.CaseFact.OutreachVisitConducted;
import jp.nimo.cases.CaseFact.PostDischargeSupportStarted;
import jp.nimo.cases.CaseFact;
import jp.nimo.cases.CaseFacts;
import jp.nimo.projection.indicators.IndicatorCaseMemory.Admission;
import jp.nimo.projection.indicators.IndicatorCaseMemory.Discharge;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.FiscalYear;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * The indicators of the issue plane, computed from case events (a pooled streaming processor). Each
 * event becomes signed deltas of counts by municipality and business month (occurredOn), each holding
 * from a knowledge time: its recording time, or for an absence the start of the day its window closes.
 * A query as of T sums the deltas that hold at T, so no request replays events.
 *
 * <p>Counts that join events of a case (a discharge and its admission, support after a discharge) hold
 * from when both are known. Absences are judged on what is known at T: a discharge after an involuntary
 * admission counts as "without support within 30 days" from the later of its recording and the start
 * of the 30th day after it, until a support start dated within those days is recorded; from then on it
 * counts as "with". So the share a council saw at its meeting is reproduced as of that day, and a late
 * entry moves the figure only from the day it was entered. Discharge within 90/180/365 days of
 * admission is the same rule on admissions.
 */
@Component
@ProcessingGroup(IndicatorProjection.NAME)
public class IndicatorProjection {

    public static final String NAME = "indicators";

    static final Set<String> INVOLUNTARY = Set.of("INVOLUNTARY", "EMERGENCY_INVOLUNTARY");
    static final int[] DISCHARGE_WINDOWS = {90, 180, 365};
    static final int SUPPORT_WINDOW = 30;
    /** The year after a discharge in which 地域平均生活日数 counts the days lived in the community. */
    static final int COMMUNITY_YEAR = 365;
    static final Set<String> UNDER_65_BANDS = Set.of("0-9", "10-19", "20-29", "30-39", "40-49", "50-59");
    static final Set<String> AGE_65_AND_OVER_BANDS = Set.of("70-79", "80-89", "90+");

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final IndicatorCaseMemory cases;
    private final IndicatorFactLog facts;

    public IndicatorProjection(IndicatorCaseMemory cases, IndicatorFactLog facts) {
        this.cases = cases;
        this.facts = facts;
    }

    /** The deltas of one event, named after it. */
    private static final class Deltas {
        private final CaseEventRecorded event;
        private final Instant recordedAt;
        private final List<FactDelta> list = new ArrayList<>();

        Deltas(CaseEventRecorded event) {
            this.event = event;
            this.recordedAt = KnowledgeTime.of(event.recordedAt());
        }

        void add(String subject, Measure measure, String part, String municipality, LocalDate businessDate,
                 Instant effectiveAt, int delta) {
            list.add(FactDelta.of(event.eventId(), subject, measure, part, municipality, businessDate, effectiveAt, delta));
        }

        /** A count of this event, known from its recording. */
        void count(Measure measure, String part) {
            add("", measure, part, event.municipality().value(), event.occurredOn(), recordedAt, 1);
        }
    }

    /** The age band is all the indicators keep of the opening: for long stays under 65 and 65 and over. */
    @EventHandler
    void on(CaseOpened event) {
        cases.ageBand(event.caseId().value(), event.ageBand() == null ? null : event.ageBand().value());
    }

    @EventHandler
    void on(CaseEventRecorded event) {
        Deltas deltas = new Deltas(event);
        CaseFact fact = CaseFacts.decode(event);
        EventCounts.of(fact).forEach(c -> deltas.count(c.measure(), c.part()));
        String caseId = event.caseId().value();
        if (fact instanceof HospitalAdmission admission) {
            admitted(event, admission, deltas);
        } else if (fact instanceof Discharged discharge) {
            discharged(event, discharge, deltas);
        } else if (fact instanceof PostDischargeSupportStarted support) {
            supportStarted(event, support, deltas);
        } else if (fact instanceof LongStayInpatientListed listing) {
            listed(event, listing, deltas);
        } else if (fact instanceof WelfareServiceStarted started) {
            welfareServiceStarted(event, started, deltas);
        } else if (fact instanceof OutreachVisitConducted visit) {
            cases.event(caseId, event.eventId(), visit.kind(), event.occurredOn(), deltas.recordedAt);
            once(event, deltas, Measure.OUTREACH_CASES, List.of(Measure.TOTAL));
        } else if (fact instanceof LinkedToTreatment linked) {
            if (linked.resumed()) {
                once(event, deltas, Measure.TREATMENT_INTERRUPTIONS_RESOLVED, List.of(Measure.TOTAL));
            }
            if (cases.hasEvent(caseId, CaseFacts.OUTREACH_VISIT_CONDUCTED, EARLIEST, event.occurredOn())) {
                once(event, deltas, Measure.OUTREACH_LINKED_TO_TREATMENT, List.of(Measure.TOTAL));
            }
        }
        // the other kinds are counted by EventCounts alone, or not at all
        // last, so that a failing event leaves nothing behind for the batch to write
        facts.record(deltas.list);
    }

    /** A person counted once per fiscal year and municipality, in the month of the event that first counts them. */
    private void once(CaseEventRecorded event, Deltas deltas, Measure measure, List<String> parts) {
        if (cases.firstMark(event.caseId().value(), measure.name(), FiscalYear.startYearOf(event.occurredOn()),
                event.municipality().value())) {
            parts.forEach(part -> deltas.count(measure, part));
        }
    }

    /** An admission joins the cohort of its month: "not discharged within N days" once N days have passed. */
    private void admitted(CaseEventRecorded event, HospitalAdmission fact, Deltas deltas) {
        Admission admission = new Admission(event.eventId(), event.occurredOn(),
                fact.admissionType(), event.municipality().value(), deltas.recordedAt);
        cases.admitted(event.caseId().value(), admission);
        readmitted(event, admission.admittedOn(), deltas);
        for (int days : DISCHARGE_WINDOWS) {
            deltas.add("", Measure.dischargeWithin(days), Measure.WITHOUT, admission.municipality(),
                    admission.admittedOn(), windowClosed(admission.recordedAt(), admission.admittedOn(), days), 1);
        }
    }

    private void discharged(CaseEventRecorded event, Discharged fact, Deltas deltas) {
        String caseId = event.caseId().value();
        LocalDate on = event.occurredOn();
        String municipality = event.municipality().value();
        Admission admission = cases.openAdmissionOn(caseId, on).orElse(null);
        if (admission != null) {
            cases.ended(admission.eventId(), event.eventId());
            for (int days : DISCHARGE_WINDOWS) {
                if (!on.isAfter(admission.admittedOn().plusDays(days))) {
                    Measure measure = Measure.dischargeWithin(days);
                    Instant closed = windowClosed(admission.recordedAt(), admission.admittedOn(), days);
                    deltas.add(admission.eventId(), measure, Measure.WITHIN, admission.municipality(),
                            admission.admittedOn(), deltas.recordedAt, 1);
                    deltas.add(admission.eventId(), measure, Measure.WITHOUT, admission.municipality(),
                            admission.admittedOn(), later(closed, deltas.recordedAt), -1);
                }
            }
        }
        boolean involuntary = admission != null && INVOLUNTARY.contains(admission.admissionType());
        boolean longStay = admission != null
                && cases.hasEvent(caseId, CaseFacts.LONG_STAY_INPATIENT_LISTED, admission.admittedOn(), on);
        boolean supported = involuntary && cases.hasEvent(caseId, CaseFacts.POST_DISCHARGE_SUPPORT_STARTED, on,
                on.plusDays(SUPPORT_WINDOW));
        Instant withoutFrom = windowClosed(deltas.recordedAt, on, SUPPORT_WINDOW);
        String destination = EventCounts.orUnspecified(fact.destination());
        cases.discharged(caseId, new Discharge(event.eventId(), on, municipality, deltas.recordedAt, destination,
                admission == null ? null : admission.admittedOn(), involuntary, longStay, supported, withoutFrom),
                admission == null ? null : admission.eventId());
        if (involuntary) {
            if (supported) {
                deltas.count(Measure.SUPPORT_WITHIN_30_DAYS, Measure.WITH);
            } else {
                deltas.add("", Measure.SUPPORT_WITHIN_30_DAYS, Measure.WITHOUT, municipality, on, withoutFrom, 1);
            }
        }
        if (longStay) {
            deltas.count(Measure.LONG_STAY_DISCHARGES, Measure.TOTAL);
            deltas.count(Measure.LONG_STAY_DISCHARGES, Measure.part(CaseFacts.DESTINATION, destination));
        }
        readmissionOutcome(event, deltas);
    }

    /**
     * A discharge joins the readmission cohorts of its month and, once its outcome is known, 地域平均生活日数:
     * with the admission that followed it where one is already known (a discharge entered late), otherwise
     * as "not readmitted" and 365 days in the community once each window has passed.
     */
    private void readmissionOutcome(CaseEventRecorded event, Deltas deltas) {
        String caseId = event.caseId().value();
        LocalDate on = event.occurredOn();
        String municipality = event.municipality().value();
        Admission next = cases.firstAdmissionAfter(caseId, on).orElse(null);
        long daysOut = next == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(on, next.admittedOn());
        boolean followed = daysOut <= COMMUNITY_YEAR && cases.firstMark(caseId, readmittedMark(event.eventId()), 0, municipality);
        for (int days : DISCHARGE_WINDOWS) {
            if (followed && daysOut <= days) {
                deltas.add("", Measure.readmissionWithin(days), Measure.WITHIN, municipality, on, deltas.recordedAt, 1);
            } else {
                deltas.add("", Measure.readmissionWithin(days), Measure.WITHOUT, municipality, on,
                        windowClosed(deltas.recordedAt, on, days), 1);
            }
        }
        Instant known = followed ? deltas.recordedAt : windowClosed(deltas.recordedAt, on, COMMUNITY_YEAR);
        int lived = followed ? (int) daysOut : COMMUNITY_YEAR;
        deltas.add("", Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE, Measure.TOTAL, municipality, on, known, 1);
        deltas.add("", Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE, Measure.DAYS, municipality, on, known, lived);
    }

    /**
     * An admission after a discharge of the same case, within the year after it, settles that discharge:
     * readmitted within each window it falls in (instead of not readmitted), and its days in the community
     * are the days until this admission (instead of 365). Only the first admission after a discharge counts.
     */
    private void readmitted(CaseEventRecorded event, LocalDate admittedOn, Deltas deltas) {
        String caseId = event.caseId().value();
        Discharge discharge = cases.latestDischargeOn(caseId, admittedOn.minusDays(1)).orElse(null);
        if (discharge == null) {
            return;
        }
        long daysOut = ChronoUnit.DAYS.between(discharge.dischargedOn(), admittedOn);
        if (daysOut > COMMUNITY_YEAR
                || !cases.firstMark(caseId, readmittedMark(discharge.eventId()), 0, discharge.municipality())) {
            return;
        }
        String subject = discharge.eventId();
        LocalDate on = discharge.dischargedOn();
        String municipality = discharge.municipality();
        for (int days : DISCHARGE_WINDOWS) {
            if (daysOut <= days) {
                Instant closed = windowClosed(discharge.recordedAt(), on, days);
                deltas.add(subject, Measure.readmissionWithin(days), Measure.WITHIN, municipality, on, deltas.recordedAt, 1);
                deltas.add(subject, Measure.readmissionWithin(days), Measure.WITHOUT, municipality, on,
                        later(closed, deltas.recordedAt), -1);
            }
        }
        Instant yearClosed = later(windowClosed(discharge.recordedAt(), on, COMMUNITY_YEAR), deltas.recordedAt);
        Measure living = Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE;
        deltas.add(subject + ":year", living, Measure.TOTAL, municipality, on, yearClosed, -1);
        deltas.add(subject + ":year", living, Measure.DAYS, municipality, on, yearClosed, -COMMUNITY_YEAR);
        deltas.add(subject, living, Measure.TOTAL, municipality, on, deltas.recordedAt, 1);
        deltas.add(subject, living, Measure.DAYS, municipality, on, deltas.recordedAt, (int) daysOut);
    }

    private static String readmittedMark(String dischargeEventId) {
        return "READMITTED:" + dischargeEventId;
    }

    /** 障害福祉サービス users: a person counted once per service and fiscal year, in the month the use started. */
    private void welfareServiceStarted(CaseEventRecorded event, WelfareServiceStarted fact, Deltas deltas) {
        String service = EventCounts.orUnspecified(fact.serviceType());
        if (cases.firstMark(event.caseId().value(), Measure.WELFARE_SERVICE_USERS.name() + ":" + service,
                FiscalYear.startYearOf(event.occurredOn()), event.municipality().value())) {
            deltas.count(Measure.WELFARE_SERVICE_USERS, Measure.TOTAL);
            deltas.count(Measure.WELFARE_SERVICE_USERS, Measure.part(CaseFacts.SERVICE_TYPE, service));
        }
    }

    /**
     * Under 65 or 65 and over by the person's band on the event's date where the case knows the birth month;
     * otherwise by the band the case was opened with, and unknown where none was recorded or it (60-69) spans 65.
     */
    private String ageGroup(CaseEventRecorded event) {
        if (event.ageBand() != null) {
            return event.ageBand().sixtyFiveOrOver() ? ProjectedIndicators.AGE_65_AND_OVER : ProjectedIndicators.UNDER_65;
        }
        String band = cases.ageBandOf(event.caseId().value()).orElse(null);
        if (band != null && UNDER_65_BANDS.contains(band)) {
            return ProjectedIndicators.UNDER_65;
        }
        if (band != null && AGE_65_AND_OVER_BANDS.contains(band)) {
            return ProjectedIndicators.AGE_65_AND_OVER;
        }
        return ProjectedIndicators.AGE_UNKNOWN;
    }

    private void supportStarted(CaseEventRecorded event, PostDischargeSupportStarted fact, Deltas deltas) {
        String caseId = event.caseId().value();
        LocalDate on = event.occurredOn();
        cases.event(caseId, event.eventId(), fact.kind(), on, deltas.recordedAt);
        // 措置入院者等の退院後支援: support after a discharge that ended an involuntary admission
        if (cases.latestDischargeOn(caseId, on).map(Discharge::involuntary).orElse(false)) {
            deltas.count(Measure.POST_DISCHARGE_SUPPORT_STARTED, Measure.TOTAL);
        }
        for (Discharge discharge : cases.awaitingSupportOn(caseId, on, SUPPORT_WINDOW)) {
            cases.supported(discharge.eventId());
            deltas.add(discharge.eventId(), Measure.SUPPORT_WITHIN_30_DAYS, Measure.WITH, discharge.municipality(),
                    discharge.dischargedOn(), deltas.recordedAt, 1);
            deltas.add(discharge.eventId(), Measure.SUPPORT_WITHIN_30_DAYS, Measure.WITHOUT, discharge.municipality(),
                    discharge.dischargedOn(), later(discharge.withoutEffectiveAt(), deltas.recordedAt), -1);
        }
    }

    private void listed(CaseEventRecorded event, LongStayInpatientListed fact, Deltas deltas) {
        String caseId = event.caseId().value();
        LocalDate on = event.occurredOn();
        cases.event(caseId, event.eventId(), fact.kind(), on, deltas.recordedAt);
        once(event, deltas, Measure.LONG_STAY_INPATIENTS_LISTED,
                List.of(Measure.TOTAL, Measure.part(CaseFacts.LENGTH_OF_STAY_BAND,
                        EventCounts.orUnspecified(fact.lengthOfStayBand()))));
        once(event, deltas, Measure.LONG_STAY_INPATIENTS_BY_AGE,
                List.of(Measure.TOTAL, Measure.part(ProjectedIndicators.AGE_GROUP, ageGroup(event))));
        // a listing entered after the discharge it belongs to makes that discharge a long-stay one from now on
        for (Discharge discharge : cases.dischargesOfStayContaining(caseId, on)) {
            cases.endedLongStay(discharge.eventId());
            deltas.add(discharge.eventId(), Measure.LONG_STAY_DISCHARGES, Measure.TOTAL, discharge.municipality(),
                    discharge.dischargedOn(), deltas.recordedAt, 1);
            deltas.add(discharge.eventId(), Measure.LONG_STAY_DISCHARGES, Measure.part(CaseFacts.DESTINATION,
                    discharge.destination()), discharge.municipality(), discharge.dischargedOn(), deltas.recordedAt, 1);
        }
    }

    /**
     * When an absence of {@code days} after {@code on} starts to hold: on the day {@code on + days} (the
     * window's last day; "occurredOn + N days ≤ T's date"), but never before the event was recorded.
     */
    static Instant windowClosed(Instant recordedAt, LocalDate on, int days) {
        return later(KnowledgeTime.of(on.plusDays(days).atStartOfDay(JAPAN).toInstant()), recordedAt);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @ResetHandler
    void reset() {
        facts.clear();
        cases.clear();
    }
}
