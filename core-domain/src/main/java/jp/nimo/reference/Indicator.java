package jp.nimo.reference;

/**
 * An indicator councils set targets on: its unit, the direction that counts as better, whether it is
 * computed from case events (PROJECTION), from council meetings (MEETINGS) or recorded by hand (MANUAL), and its category.
 * {@code definition}, where the reference data gives one, says how Nimo computes it and how that differs
 * from the published figure.
 */
public record Indicator(String code, Label label, String unit, String direction, String source, String category,
                        Definition definition) {

    public Indicator(String code, Label label, String unit, String direction, String source, String category) {
        this(code, label, unit, direction, source, category, null);
    }

    /**
     * What is counted, over what ({@code denominator} null for a count), on which business date, and where
     * the figure differs by construction from the published one (only cases recorded in Nimo).
     */
    public record Definition(String numerator, String denominator, String businessDate, String differsFromPublished) {
    }
}
