package jp.nimo.infra.security;

/** The roles of DESIGN.md ("Users and what each does"). */
public enum Role {
    SUPPORT_WORKER,
    SECRETARIAT,
    COUNCIL_MEMBER,
    OBSERVER,
    ANALYST,
    AUDITOR,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
