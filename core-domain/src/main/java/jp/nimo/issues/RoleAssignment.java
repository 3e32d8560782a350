package jp.nimo.issues;

/** An organisation's share of the plan (役割分担). */
public record RoleAssignment(String organisation, String responsibility) {
}
