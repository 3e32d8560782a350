package jp.nimo.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a recorded case event means, for every kind that code reasons about, with the fields those rules
 * read. {@link CaseFacts#decode} turns a stored {@code CaseEventRecorded} into one; the stored event keeps
 * its generic shape, so the catalogue can grow without a new event class. On Java 17 consumers test
 * the facts with {@code instanceof} patterns; on 21 these become a checked {@code switch}.
 */
public sealed interface CaseFact {

    /** The catalogue's name of the kind: each record is named after its kind; {@link Other} carries its own. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** An admission to hospital, first or after a discharge: a stay starts. */
    sealed interface HospitalAdmission extends CaseFact {
        String admissionType();
    }

    record CaseClosed(String closureReason) implements CaseFact {
    }

    record CaseReopened(String reopenReason) implements CaseFact {
    }

    record PersonRelocated(String toMunicipality) implements CaseFact {
    }

    record ConsultationReceived(String referrerType) implements CaseFact {
    }

    record OutreachVisitConducted(List<String> visitorProfessions) implements CaseFact {
        public OutreachVisitConducted {
            visitorProfessions = List.copyOf(visitorProfessions);
        }
    }

    record LinkedToTreatment(boolean resumed) implements CaseFact {
    }

    /** A 23条 report; {@code resident} is null where it was not recorded. */
    record PoliceReportReceived(String outcome, Boolean resident) implements CaseFact {
    }

    record Admitted(String admissionType) implements HospitalAdmission {
    }

    record Readmitted(String admissionType) implements HospitalAdmission {
    }

    record LongStayInpatientListed(String lengthOfStayBand) implements CaseFact {
    }

    record InpatientVisitedByCommunitySupporter() implements CaseFact {
    }

    record CommunityTransitionSupportApplied() implements CaseFact {
    }

    record Discharged(String destination) implements CaseFact {
    }

    record PostDischargeSupportStarted() implements CaseFact {
    }

    record RentalRefused(String reason) implements CaseFact {
    }

    /** An interrupted treatment taken up again (医療中断の解消). */
    record TreatmentResumed(String facilityType) implements CaseFact {
    }

    /** A compulsory transport to hospital under Article 34 (34条移送). */
    record TransportedUnderArticle34(String requestedBy) implements CaseFact {
    }

    record SelfHarmIncidentReported(String type) implements CaseFact {
    }

    record EmergencyServiceCalled(String caller) implements CaseFact {
    }

    /** A visiting nurse or consultation specialist called out, often at night (夜間の呼び出し). */
    record SupporterCalledOut(String staffRole, String timeOfDay) implements CaseFact {
    }

    /** 地域移行支援 granted as an individual benefit (支給決定); {@code periodMonths} null where not recorded. */
    record CommunityTransitionSupportGranted(Integer periodMonths) implements CaseFact {
    }

    /** A welfare service (障害福祉サービス) began, e.g. COMMUNITY_SETTLEMENT_SUPPORT (地域定着支援). */
    record WelfareServiceStarted(String serviceType) implements CaseFact {
    }

    /** A consent for a purpose; {@code validUntil} is null for one without an end. */
    record ConsentGranted(String purpose, LocalDate validUntil) implements CaseFact {
    }

    record ConsentWithdrawn(String purpose) implements CaseFact {
    }

    /** A kind no rule reasons about: counted, shown and matched by signals only through the catalogue. */
    record Other(String kind, Map<String, Object> fields) implements CaseFact {
        public Other {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }
}
