package jp.nimo.reference;

/** One allowed value of an enumerated field. */
public record EnumValue(String code, Label label) {
}
