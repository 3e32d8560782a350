package jp.nimo.projection.indicators;

import jp.nimo.cases.CaseFacts;
import jp.nimo.projection.shared.BundledLabels;
import jp.nimo.reference.EnumValue;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Label;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indicators of {@code indicators.v1.json} whose source is PROJECTION, and how each reads the
 * measures of the indicator projection: a count (a measure's total, with its breakdowns), one cell of
 * another indicator's breakdown (23条 reports leading to 措置入院), or a rate of two outcomes.
 */
public final class ProjectedIndicators {

    /** How an indicator reads its measure. */
    public enum Shape {
        /** The measure's total, with its breakdowns. */
        COUNT,
        /** One part of the measure (a cell of a breakdown). */
        CELL,
        /** numerator / (numerator + complement), in percent. */
        RATE,
        /** A mean: the numerator part (a sum, e.g. of days) over the total (the number of cases in it). */
        MEAN;

        /** Whether the value is a count of events or persons (not a rate or a mean). */
        public boolean counts() {
            return this == COUNT || this == CELL;
        }
    }

    public record Member(String code, Label label) {
    }

    /**
     * A breakdown of a count. In an additive one every event falls in exactly one member, so the members
     * add up to the total; a visit by a team counts once for each profession in it, so that one does not.
     */
    public record Dimension(String name, Label label, boolean additive, List<Member> members) {

        public Dimension {
            members = List.copyOf(members);
        }

        public String part(String member) {
            return Measure.part(name, member);
        }
    }

    /**
     * A measure as a table of parts: the total and the members of its breakdowns, or for a rate the two
     * outcomes whose sum (the denominator) is the total.
     */
    public record Family(Measure measure, List<Dimension> dimensions, String numerator, String complement) {

        public Family {
            dimensions = List.copyOf(dimensions);
        }

        public boolean rate() {
            return numerator != null;
        }

        /** Every part of an area's row, the total first. */
        public List<String> parts() {
            List<String> parts = new ArrayList<>();
            parts.add(Measure.TOTAL);
            if (rate()) {
                parts.add(numerator);
                if (complement != null) {
                    parts.add(complement);
                }
            }
            for (Dimension dimension : dimensions) {
                dimension.members().forEach(m -> parts.add(dimension.part(m.code())));
            }
            return parts;
        }

        /** The groups of parts that add up to the total. */
        public List<List<String>> additiveGroups() {
            List<List<String>> groups = new ArrayList<>();
            if (rate() && complement != null) {
                groups.add(List.of(numerator, complement));
            }
            for (Dimension dimension : dimensions) {
                if (dimension.additive()) {
                    groups.add(dimension.members().stream().map(m -> dimension.part(m.code())).toList());
                }
            }
            return groups;
        }
    }

    /** One projected indicator: its reference entry, its measure and how it reads it. */
    public record Definition(Indicator indicator, Family family, Shape shape, String part) {

        public String code() {
            return indicator.code();
        }

        /** The part of the family an area's value is: the total, the cell, or the numerator of the rate. */
        public String valuePart() {
            return switch (shape) {
                case COUNT -> Measure.TOTAL;
                case CELL -> part;
                case RATE, MEAN -> family.numerator();
            };
        }
    }

    public static final String UNSPECIFIED = "UNSPECIFIED";
    public static final String RESIDENT = "RESIDENT";
    public static final String NON_RESIDENT = "NON_RESIDENT";
    public static final String AGE_GROUP = "ageGroup";
    public static final String UNDER_65 = "UNDER_65";
    public static final String AGE_65_AND_OVER = "65_AND_OVER";
    public static final String AGE_UNKNOWN = "AGE_UNKNOWN";

    private final Map<Measure, Family> families;
    private final Map<String, Definition> definitions;

    private ProjectedIndicators(Map<Measure, Family> families, Map<String, Definition> definitions) {
        this.families = families;
        this.definitions = definitions;
    }

    /** {@code labels} names the members the catalogue does not: events without the field, non-residents. */
    public static ProjectedIndicators of(Indicators indicators, EventKindCatalogue catalogue, BundledLabels labels) {
        Label unspecified = labels.label("analytics.member." + UNSPECIFIED);
        Map<Measure, Family> families = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            families.put(measure, new Family(measure, List.of(), null, null));
        }
        families.put(Measure.RENTAL_REFUSALS, new Family(Measure.RENTAL_REFUSALS,
                List.of(enumDimension(catalogue, CaseFacts.RENTAL_REFUSED, CaseFacts.REASON, unspecified)), null, null));
        families.put(Measure.OUTREACH_VISITS, new Family(Measure.OUTREACH_VISITS,
                List.of(enumDimension(catalogue, CaseFacts.OUTREACH_VISIT_CONDUCTED,
                        CaseFacts.VISITOR_PROFESSIONS, null)), null, null));
        families.put(Measure.POLICE_REPORTS, new Family(Measure.POLICE_REPORTS,
                List.of(enumDimension(catalogue, CaseFacts.POLICE_REPORT_RECEIVED, CaseFacts.OUTCOME, unspecified),
                        residence(catalogue, unspecified, labels.label("analytics.member." + NON_RESIDENT))), null, null));
        families.put(Measure.LONG_STAY_INPATIENTS_LISTED, new Family(Measure.LONG_STAY_INPATIENTS_LISTED,
                List.of(enumDimension(catalogue, CaseFacts.LONG_STAY_INPATIENT_LISTED,
                        CaseFacts.LENGTH_OF_STAY_BAND, unspecified)), null, null));
        families.put(Measure.LONG_STAY_DISCHARGES, new Family(Measure.LONG_STAY_DISCHARGES,
                List.of(enumDimension(catalogue, CaseFacts.DISCHARGED, CaseFacts.DESTINATION, unspecified)), null, null));
        families.put(Measure.SUPPORT_WITHIN_30_DAYS,
                new Family(Measure.SUPPORT_WITHIN_30_DAYS, List.of(), Measure.WITHOUT, Measure.WITH));
        for (int days : new int[]{90, 180, 365}) {
            Measure measure = Measure.dischargeWithin(days);
            families.put(measure, new Family(measure, List.of(), Measure.WITHIN, Measure.WITHOUT));
            Measure readmission = Measure.readmissionWithin(days);
            families.put(readmission, new Family(readmission, List.of(), Measure.WITHIN, Measure.WITHOUT));
        }
        families.put(Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE,
                new Family(Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE, List.of(), Measure.DAYS, null));
        families.put(Measure.ARTICLE_34_TRANSPORTS, new Family(Measure.ARTICLE_34_TRANSPORTS,
                List.of(enumDimension(catalogue, CaseFacts.TRANSPORTED_UNDER_ARTICLE_34, CaseFacts.REQUESTED_BY, unspecified)),
                null, null));
        // a person may start several services in a year: counted once in each, so the services do not add up
        families.put(Measure.WELFARE_SERVICE_USERS, new Family(Measure.WELFARE_SERVICE_USERS,
                List.of(enumDimension(catalogue, CaseFacts.WELFARE_SERVICE_STARTED, CaseFacts.SERVICE_TYPE, null)),
                null, null));
        families.put(Measure.LONG_STAY_INPATIENTS_BY_AGE, new Family(Measure.LONG_STAY_INPATIENTS_BY_AGE,
                List.of(new Dimension(AGE_GROUP, labels.label("analytics.dimension." + AGE_GROUP), true, List.of(
                        new Member(UNDER_65, labels.label("analytics.member." + UNDER_65)),
                        new Member(AGE_65_AND_OVER, labels.label("analytics.member." + AGE_65_AND_OVER)),
                        new Member(AGE_UNKNOWN, labels.label("analytics.member." + AGE_UNKNOWN))))),
                null, null));

        Map<String, Definition> definitions = new LinkedHashMap<>();
        for (Indicator indicator : indicators.all()) {
            if (!"PROJECTION".equals(indicator.source())) {
                continue;
            }
            Definition definition = definition(indicator, families);
            if (definition != null) {
                definitions.put(indicator.code(), definition);
            }
        }
        return new ProjectedIndicators(families, definitions);
    }

    private static Definition definition(Indicator indicator, Map<Measure, Family> families) {
        String code = indicator.code();
        return switch (code) {
            case "OUTREACH_VISITS_BY_PHYSICIAN" -> new Definition(indicator, families.get(Measure.OUTREACH_VISITS),
                    Shape.CELL, Measure.part(CaseFacts.VISITOR_PROFESSIONS, "PHYSICIAN"));
            case "OUTREACH_VISITS_BY_PSYCHIATRIC_SOCIAL_WORKER" -> new Definition(indicator,
                    families.get(Measure.OUTREACH_VISITS), Shape.CELL,
                    Measure.part(CaseFacts.VISITOR_PROFESSIONS, "PSYCHIATRIC_SOCIAL_WORKER"));
            case "POLICE_REPORTS_RESIDENTS" -> new Definition(indicator, families.get(Measure.POLICE_REPORTS),
                    Shape.CELL, Measure.part(CaseFacts.RESIDENT, RESIDENT));
            case "POLICE_REPORTS_INVOLUNTARY" -> new Definition(indicator, families.get(Measure.POLICE_REPORTS),
                    Shape.CELL, Measure.part(CaseFacts.OUTCOME, "INVOLUNTARY"));
            case "POLICE_REPORTS_MEDICAL_PROTECTION" -> new Definition(indicator, families.get(Measure.POLICE_REPORTS),
                    Shape.CELL, Measure.part(CaseFacts.OUTCOME, "MEDICAL_PROTECTION"));
            case "POLICE_REPORTS_NO_ADMISSION" -> new Definition(indicator, families.get(Measure.POLICE_REPORTS),
                    Shape.CELL, Measure.part(CaseFacts.OUTCOME, "NO_ADMISSION"));
            case "INVOLUNTARY_DISCHARGES_WITHOUT_SUPPORT_30D_SHARE" -> new Definition(indicator,
                    families.get(Measure.SUPPORT_WITHIN_30_DAYS), Shape.RATE, null);
            case "DISCHARGE_WITHIN_90_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.DISCHARGE_WITHIN_90_DAYS), Shape.RATE, null);
            case "DISCHARGE_WITHIN_180_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.DISCHARGE_WITHIN_180_DAYS), Shape.RATE, null);
            case "DISCHARGE_WITHIN_365_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.DISCHARGE_WITHIN_365_DAYS), Shape.RATE, null);
            case "READMISSION_WITHIN_90_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.READMISSION_WITHIN_90_DAYS), Shape.RATE, null);
            case "READMISSION_WITHIN_180_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.READMISSION_WITHIN_180_DAYS), Shape.RATE, null);
            case "READMISSION_WITHIN_365_DAYS_RATE" -> new Definition(indicator,
                    families.get(Measure.READMISSION_WITHIN_365_DAYS), Shape.RATE, null);
            case "COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE" -> new Definition(indicator,
                    families.get(Measure.COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE), Shape.MEAN, null);
            case "LONG_STAY_INPATIENTS_UNDER_65" -> new Definition(indicator,
                    families.get(Measure.LONG_STAY_INPATIENTS_BY_AGE), Shape.CELL, Measure.part(AGE_GROUP, UNDER_65));
            case "LONG_STAY_INPATIENTS_65_AND_OVER" -> new Definition(indicator,
                    families.get(Measure.LONG_STAY_INPATIENTS_BY_AGE), Shape.CELL, Measure.part(AGE_GROUP, AGE_65_AND_OVER));
            case "LONG_STAY_INPATIENTS_AGE_UNKNOWN" -> new Definition(indicator,
                    families.get(Measure.LONG_STAY_INPATIENTS_BY_AGE), Shape.CELL, Measure.part(AGE_GROUP, AGE_UNKNOWN));
            case "COMMUNITY_SETTLEMENT_SUPPORT_USERS", "GROUP_HOME_USERS", "INDEPENDENT_LIVING_ASSISTANCE_USERS" ->
                    new Definition(indicator, families.get(Measure.WELFARE_SERVICE_USERS), Shape.CELL,
                            Measure.part(CaseFacts.SERVICE_TYPE, code.substring(0, code.length() - "_USERS".length())));
            default -> {
                Measure measure;
                try {
                    measure = Measure.valueOf(code);
                } catch (IllegalArgumentException e) {
                    // a PROJECTION indicator this build cannot compute yet: it is not offered
                    yield null;
                }
                yield new Definition(indicator, families.get(measure), Shape.COUNT, null);
            }
        };
    }

    /**
     * A breakdown by a field's enumerated values, from the catalogue, with a member for events without
     * the field (an optional field, or an older catalogue), so that an additive breakdown always adds up;
     * without {@code unspecified} the breakdown is not additive.
     */
    private static Dimension enumDimension(EventKindCatalogue catalogue, String kind, String field, Label unspecified) {
        boolean additive = unspecified != null;
        FieldSpec spec = catalogue.kind(kind).flatMap(k -> k.field(field))
                .orElseThrow(() -> new IllegalStateException("the catalogue has no field " + kind + "." + field));
        List<Member> members = new ArrayList<>();
        for (EnumValue value : spec.values()) {
            members.add(new Member(value.code(), value.label()));
        }
        if (additive) {
            members.add(new Member(UNSPECIFIED, unspecified));
        }
        return new Dimension(field, spec.label(), additive, members);
    }

    /** 23条 reports by whether the person lives in the area (管内住民): a boolean field, two members. */
    private static Dimension residence(EventKindCatalogue catalogue, Label unspecified, Label nonResident) {
        FieldSpec spec = catalogue.kind(CaseFacts.POLICE_REPORT_RECEIVED).flatMap(k -> k.field(CaseFacts.RESIDENT))
                .orElseThrow(() -> new IllegalStateException("the catalogue has no field "
                        + CaseFacts.POLICE_REPORT_RECEIVED + "." + CaseFacts.RESIDENT));
        return new Dimension(CaseFacts.RESIDENT, spec.label(), true, List.of(
                new Member(RESIDENT, spec.label()),
                new Member(NON_RESIDENT, nonResident),
                new Member(UNSPECIFIED, unspecified)));
    }

    public Collection<Definition> all() {
        return definitions.values();
    }

    public Optional<Definition> definition(String code) {
        return Optional.ofNullable(definitions.get(code));
    }

    public Family family(Measure measure) {
        return families.get(measure);
    }
}
