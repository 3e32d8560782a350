package jp.nimo.reference;

/**
 * A regional-issue category (C04 住まいの確保, ...). {@code source} is MENU for the national
 * 構築推進事業 menu items (C01–C14) and EXTRA for the categories the seeds add.
 */
public record Category(String code, Label label, String source) {
}
