package jp.nimo.reference;

/** An organisation that records cases or runs a council's secretariat; {@code municipality}/{@code region} may be null. */
public record Organisation(String id, Label label, String type, String municipality, String region) {
}
