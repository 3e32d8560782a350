package jp.nimo.councils;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import jp.nimo.councils.CouncilCommand.AddMember;
import jp.nimo.councils.CouncilCommand.ChangeMemberRole;
import jp.nimo.councils.CouncilCommand.DesignateCouncil;
import jp.nimo.councils.CouncilCommand.FormWorkingGroup;
import jp.nimo.councils.CouncilCommand.RemoveMember;
import jp.nimo.councils.CouncilEvent.CouncilDesignated;
import jp.nimo.councils.CouncilEvent.MemberJoined;
import jp.nimo.councils.CouncilEvent.MemberLeft;
import jp.nimo.councils.CouncilEvent.MemberRoleChanged;
import jp.nimo.councils.CouncilEvent.WorkingGroupFormed;
import jp.nimo.councils.Membership.Role;
import jp.nimo.issues.Actor;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.NotPermitted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A council (協議の場): designated by an ADMIN for an area, run by its secretariat, with member
 * organisations that join, change role and leave on dates of their own.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("1")
public class Council {

    @AggregateIdentifier
    private String councilId;
    private Map<String, Seat> seats = new HashMap<>();
    private Set<String> workingGroups = new HashSet<>();

    /** An organisation's current seat: its role, since when it holds it, and whether it still sits. */
    record Seat(Role role, LocalDate since, boolean sitting) {
    }

    protected Council() {
        // for Axon
    }

    @CommandHandler
    public Council(DesignateCouncil command) {
        if (!"ADMIN".equals(command.actor().role()) && !Actor.SYSTEM.equals(command.actor())) {
            throw new NotPermitted("an ADMIN designates councils");
        }
        apply(new CouncilDesignated(command.councilId(), command.level(), command.area(), command.name(),
                command.nameEn(), command.secretariat(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(AddMember command) {
        requireSecretariat(command.actor());
        if (seat(command.organisation()).filter(Seat::sitting).isPresent()) {
            throw new DomainRuleViolation("already-a-member", "organisation",
                    command.organisation() + " already sits on " + councilId);
        }
        apply(new MemberJoined(councilId, command.organisation(), command.stakeholderType(), command.tier(),
                command.role(), command.since(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(RemoveMember command) {
        requireSecretariat(command.actor());
        Seat seat = sitting(command.organisation());
        requireNotBefore(seat, command.on());
        apply(new MemberLeft(councilId, command.organisation(), command.on(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(ChangeMemberRole command) {
        requireSecretariat(command.actor());
        Seat seat = sitting(command.organisation());
        if (seat.role() == command.role()) {
            throw new DomainRuleViolation("role-unchanged", "role",
                    command.organisation() + " already sits as " + command.role());
        }
        requireNotBefore(seat, command.on());
        apply(new MemberRoleChanged(councilId, command.organisation(), seat.role(), command.role(), command.on(),
                command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(FormWorkingGroup command) {
        requireSecretariat(command.actor());
        if (workingGroups.contains(command.groupId())) {
            throw new DomainRuleViolation("working-group-exists", "groupId",
                    command.groupId() + " is already a working group of " + councilId);
        }
        apply(new WorkingGroupFormed(councilId, command.groupId(), command.name(), command.on(), command.actor(),
                command.at()));
    }

    /** Whether the organisation sits on the council now (as member or observer). Changes nothing. */
    public boolean seats(String organisation) {
        return seat(organisation).filter(Seat::sitting).isPresent();
    }

    private Optional<Seat> seat(String organisation) {
        return Optional.ofNullable(seats.get(organisation));
    }

    private Seat sitting(String organisation) {
        return seat(organisation).filter(Seat::sitting).orElseThrow(() -> new DomainRuleViolation("not-a-member",
                "organisation", organisation + " does not sit on " + councilId));
    }

    private static void requireNotBefore(Seat seat, LocalDate on) {
        if (on.isBefore(seat.since())) {
            throw new DomainRuleViolation("before-membership", "on",
                    "the organisation holds its seat since " + seat.since() + "; a change cannot come before it");
        }
    }

    private void requireSecretariat(Actor actor) {
        if (!actor.councils().contains(councilId)) {
            throw new NotPermitted("only the secretariat of " + councilId + " changes its members");
        }
    }

    @EventSourcingHandler
    void on(CouncilDesignated event) {
        councilId = event.councilId();
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        seats.put(event.organisation(), new Seat(event.role(), event.since(), true));
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        seats.computeIfPresent(event.organisation(), (o, s) -> new Seat(s.role(), event.on(), false));
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event) {
        seats.put(event.organisation(), new Seat(event.to(), event.on(), true));
    }

    @EventSourcingHandler
    void on(WorkingGroupFormed event) {
        workingGroups.add(event.groupId());
    }
}
