package jp.nimo.councils;

import jp.nimo.councils.Membership.Role;
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.issues.Actor;
import jp.nimo.reference.AreaLevel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** What an ADMIN (designation) or a council's secretariat (its members and groups) asks of a council. */
public sealed interface CouncilCommand {

    String councilId();

    Actor actor();

    Instant at();

    /** Designate a council (協議の場) for an area, run by a secretariat organisation. */
    record DesignateCouncil(@TargetAggregateIdentifier String councilId, AreaLevel level, String area, String name,
                            String nameEn, String secretariat, Actor actor, Instant at) implements CouncilCommand {
    }

    record AddMember(@TargetAggregateIdentifier String councilId, String organisation, StakeholderType stakeholderType,
                     Tier tier, Role role, LocalDate since, Actor actor, Instant at) implements CouncilCommand {
    }

    record RemoveMember(@TargetAggregateIdentifier String councilId, String organisation, LocalDate on, Actor actor,
                        Instant at) implements CouncilCommand {
    }

    /** An observer becoming a member, or the reverse: a fact with its date. */
    record ChangeMemberRole(@TargetAggregateIdentifier String councilId, String organisation, Role role, LocalDate on,
                            Actor actor, Instant at) implements CouncilCommand {
    }

    /** A working group (部会, ワーキング) under the council. */
    record FormWorkingGroup(@TargetAggregateIdentifier String councilId, String groupId, String name, LocalDate on,
                            Actor actor, Instant at) implements CouncilCommand {
    }
}
