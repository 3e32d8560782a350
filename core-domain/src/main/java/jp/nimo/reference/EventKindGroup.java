package jp.nimo.reference;

/** A group of case-event kinds as forms show them (intake, outreach, crisis, ...). */
public record EventKindGroup(String code, Label label) {
}
