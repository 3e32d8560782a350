package jp.nimo.reference;

/** A code's name in Japanese (shown first) and in English. */
public record Label(String ja, String en) {
}
