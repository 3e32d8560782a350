package jp.nimo.projection.indicators;

/**
 * What the indicator projection counts: one measure per family of indicators, each kept as parts
 * (the total and its breakdowns, or the two outcomes of a rate). Several indicators of
 * {@code indicators.v1.json} can read one measure (23条 reports and their outcomes), so that they are
 * suppressed together as one table.
 */
public enum Measure {
    RENTAL_REFUSALS,
    OUTREACH_VISITS,
    OUTREACH_CASES,
    OUTREACH_LINKED_TO_TREATMENT,
    TREATMENT_INTERRUPTIONS_RESOLVED,
    POST_DISCHARGE_SUPPORT_STARTED,
    /** Discharges after an involuntary admission, by whether support started within 30 days: with, without. */
    SUPPORT_WITHIN_30_DAYS,
    POLICE_REPORTS,
    LONG_STAY_INPATIENTS_LISTED,
    INPATIENT_VISITS_BY_COMMUNITY_SUPPORTERS,
    COMMUNITY_TRANSITION_SUPPORT_APPLICATIONS,
    LONG_STAY_DISCHARGES,
    /** Admissions, by whether the stay ended within 90 days: within, without. */
    DISCHARGE_WITHIN_90_DAYS,
    DISCHARGE_WITHIN_180_DAYS,
    DISCHARGE_WITHIN_365_DAYS,
    ELDERLY_CARE_CENTRE_CONSULTATIONS,
    ARTICLE_34_TRANSPORTS,
    COMMUNITY_TRANSITION_SUPPORT_GRANTS,
    /** Persons whose use of a welfare service started, once per person, service and fiscal year, by service. */
    WELFARE_SERVICE_USERS,
    /** Persons listed as long-stay inpatients, once per fiscal year, by age group. */
    LONG_STAY_INPATIENTS_BY_AGE,
    /** Discharges, by whether an admission followed within 90 days: within, without. */
    READMISSION_WITHIN_90_DAYS,
    READMISSION_WITHIN_180_DAYS,
    READMISSION_WITHIN_365_DAYS,
    /** Discharges whose year after is settled (the total) and the days lived in the community in it (days). */
    COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE;

    public static final String TOTAL = "total";
    public static final String WITH = "with";
    public static final String WITHIN = "within";
    public static final String WITHOUT = "without";
    public static final String DAYS = "days";

    /** The measure of discharge within {@code days} of admission (90, 180 or 365). */
    public static Measure dischargeWithin(int days) {
        return switch (days) {
            case 90 -> DISCHARGE_WITHIN_90_DAYS;
            case 180 -> DISCHARGE_WITHIN_180_DAYS;
            case 365 -> DISCHARGE_WITHIN_365_DAYS;
            default -> throw new IllegalArgumentException("no discharge measure for " + days + " days");
        };
    }

    /** The measure of readmission within {@code days} of discharge (90, 180 or 365). */
    public static Measure readmissionWithin(int days) {
        return switch (days) {
            case 90 -> READMISSION_WITHIN_90_DAYS;
            case 180 -> READMISSION_WITHIN_180_DAYS;
            case 365 -> READMISSION_WITHIN_365_DAYS;
            default -> throw new IllegalArgumentException("no readmission measure for " + days + " days");
        };
    }

    /** A part of a breakdown: {@code outcome:INVOLUNTARY}. */
    public static String part(String dimension, String member) {
        return dimension + ":" + member;
    }
}
