package jp.nimo.reference;

/** The declared type of a field of a case-event kind. */
public enum FieldType {
    /** Short text that does not identify a person (a facility name, an organisation). */
    STRING,
    /** Free text: may identify a person, so it is personal data and stays on the case plane. */
    TEXT,
    INTEGER,
    BOOLEAN,
    /** An ISO-8601 date, e.g. 2024-05-01. */
    DATE,
    ENUM,
    ENUM_LIST,
    /** A known municipality code. */
    MUNICIPALITY
}
