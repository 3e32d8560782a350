package jp.nimo.reference;

/**
 * An indicator councils set targets on: its unit, the direction that counts as better, whether it is
 * computed from case events (PROJECTION), from council meetings (MEETINGS) or recorded by hand (MANUAL), and its category.
 */
public record Indicator(String code, Label label, String unit, String direction, String source, String category) {
}
