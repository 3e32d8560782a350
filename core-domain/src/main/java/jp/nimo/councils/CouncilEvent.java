package jp.nimo.councils;

import jp.nimo.councils.Membership.Role;
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.issues.Actor;
import jp.nimo.reference.AreaLevel;

import java.time.Instant;
import java.time.LocalDate;

/** The facts of a council's life: its designation, its member organisations and its working groups. */
public sealed interface CouncilEvent {

    String councilId();

    /** Who recorded the fact, and when. */
    Actor actor();

    Instant at();

    record CouncilDesignated(String councilId, AreaLevel level, String area, String name, String nameEn,
                             String secretariat, Actor actor, Instant at) implements CouncilEvent {
    }

    record MemberJoined(String councilId, String organisation, StakeholderType stakeholderType, Tier tier, Role role,
                        LocalDate since, Actor actor, Instant at) implements CouncilEvent {
    }

    record MemberLeft(String councilId, String organisation, LocalDate on, Actor actor, Instant at)
            implements CouncilEvent {
    }

    record MemberRoleChanged(String councilId, String organisation, Role from, Role to, LocalDate on, Actor actor,
                             Instant at) implements CouncilEvent {
    }

    record WorkingGroupFormed(String councilId, String groupId, String name, LocalDate on, Actor actor, Instant at)
            implements CouncilEvent {
    }
}
