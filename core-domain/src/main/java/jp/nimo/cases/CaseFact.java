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

    /** The kind's name in the catalogue. */
    String kind();

    /** An admission to hospital, first or after a discharge: a stay starts. */
    sealed interface HospitalAdmission extends CaseFact {
        String admissionType();
    }

    record CaseClosed(String closureReason) implements CaseFact {
        public String kind() {
            return CaseFacts.CASE_CLOSED;
        }
    }

    record CaseReopened(String reopenReason) implements CaseFact {
        public String kind() {
            return CaseFacts.CASE_REOPENED;
        }
    }

    record PersonRelocated(String toMunicipality) implements CaseFact {
        public String kind() {
            return CaseFacts.PERSON_RELOCATED;
        }
    }

    record ConsultationReceived(String referrerType) implements CaseFact {
        public String kind() {
            return CaseFacts.CONSULTATION_RECEIVED;
        }
    }

    record OutreachVisitConducted(List<String> visitorProfessions) implements CaseFact {
        public OutreachVisitConducted {
            visitorProfessions = List.copyOf(visitorProfessions);
        }

        public String kind() {
            return CaseFacts.OUTREACH_VISIT_CONDUCTED;
        }
    }

    record LinkedToTreatment(boolean resumed) implements CaseFact {
        public String kind() {
            return CaseFacts.LINKED_TO_TREATMENT;
        }
    }

    /** A 23条 report; {@code resident} is null where it was not recorded. */
    record PoliceReportReceived(String outcome, Boolean resident) implements CaseFact {
        public String kind() {
            return CaseFacts.POLICE_REPORT_RECEIVED;
        }
    }

    record Admitted(String admissionType) implements HospitalAdmission {
        public String kind() {
            return CaseFacts.ADMITTED;
        }
    }

    record Readmitted(String admissionType) implements HospitalAdmission {
        public String kind() {
            return CaseFacts.READMITTED;
        }
    }

    record LongStayInpatientListed(String lengthOfStayBand) implements CaseFact {
        public String kind() {
            return CaseFacts.LONG_STAY_INPATIENT_LISTED;
        }
    }

    record InpatientVisitedByCommunitySupporter() implements CaseFact {
        public String kind() {
            return CaseFacts.INPATIENT_VISITED;
        }
    }

    record CommunityTransitionSupportApplied() implements CaseFact {
        public String kind() {
            return CaseFacts.COMMUNITY_TRANSITION_SUPPORT_APPLIED;
        }
    }

    record Discharged(String destination) implements CaseFact {
        public String kind() {
            return CaseFacts.DISCHARGED;
        }
    }

    record PostDischargeSupportStarted() implements CaseFact {
        public String kind() {
            return CaseFacts.POST_DISCHARGE_SUPPORT_STARTED;
        }
    }

    record RentalRefused(String reason) implements CaseFact {
        public String kind() {
            return CaseFacts.RENTAL_REFUSED;
        }
    }

    /** A consent for a purpose; {@code validUntil} is null for one without an end. */
    record ConsentGranted(String purpose, LocalDate validUntil) implements CaseFact {
        public String kind() {
            return CaseFacts.CONSENT_GRANTED;
        }
    }

    record ConsentWithdrawn(String purpose) implements CaseFact {
        public String kind() {
            return CaseFacts.CONSENT_WITHDRAWN;
        }
    }

    /** A kind no rule reasons about: counted, shown and matched by signals only through the catalogue. */
    record Other(String kind, Map<String, Object> fields) implements CaseFact {
        public Other {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }
}
