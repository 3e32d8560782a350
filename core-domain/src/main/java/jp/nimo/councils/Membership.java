package jp.nimo.councils;

/** How an organisation sits on a council: what it brings, at which tier, and whether it votes. */
public final class Membership {

    private Membership() {
    }

    /** The field an organisation represents on the council. */
    public enum StakeholderType {
        MEDICAL,
        WELFARE,
        HOUSING,
        PEER,
        FAMILY,
        GOVERNMENT,
        POLICE,
        OTHER
    }

    /** 代表者 (representatives: the decisions) or 実務者 (practitioners: the work between meetings). */
    public enum Tier {
        REPRESENTATIVE,
        PRACTITIONER
    }

    /** A member takes part in decisions; an observer attends and receives the pack. */
    public enum Role {
        MEMBER,
        OBSERVER
    }
}
