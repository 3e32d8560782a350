package jp.nimo.validation;

import java.util.Map;

/**
 * A well-formed request that a domain rule refuses (a visit without consent, a discharge without an
 * admission): answered with 422. {@code rule} is a stable code clients can branch on.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;
    private final String field;
    private final Map<String, Object> details;

    public DomainRuleViolation(String rule, String field, String message) {
        this(rule, field, message, Map.of());
    }

    public DomainRuleViolation(String rule, String field, String message, Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    /** Extra members for the problem answer, e.g. {@code missingConsent}. */
    public Map<String, Object> details() {
        return details;
    }

    public String rule() {
        return rule;
    }

    /** The request field the rule is about, or null when it concerns the request as a whole. */
    public String field() {
        return field;
    }
}
