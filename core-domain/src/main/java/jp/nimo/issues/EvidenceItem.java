package jp.nimo.issues;

import jp.nimo.reference.Area;

/**
 * One signal as the issue plane sees it: an opaque reference that only the case plane can resolve,
 * the signal and event kind, the month it happened in, and the area. Never a case id, a note or a date.
 */
public record EvidenceItem(String ref, String signal, String kind, String month, Area area) {
}
