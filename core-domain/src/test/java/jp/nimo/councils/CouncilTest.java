package jp.nimo.councils;

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
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.issues.Actor;
import jp.nimo.reference.AreaLevel;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.NotPermitted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

class CouncilTest {

    private static final String MEGURO = "council-13110";
    private static final Instant NOW = Instant.parse("2024-06-01T01:00:00Z");
    private static final Actor ADMIN = new Actor("admin", "nimo-operations", "ADMIN", List.of());
    private static final Actor SECRETARIAT = new Actor("secretariat-meguro", "meguro-health-centre", "SECRETARIAT",
            List.of(MEGURO));
    private static final Actor OTHER_SECRETARIAT = new Actor("secretariat-setagaya", "setagaya-health-centre",
            "SECRETARIAT", List.of("council-13112"));

    private FixtureConfiguration<Council> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Council.class);
    }

    private static CouncilDesignated designated() {
        return new CouncilDesignated(MEGURO, AreaLevel.MUNICIPALITY, "13110", "目黒区精神保健福祉推進協議会",
                "Meguro mental health council", "meguro-health-centre", ADMIN, NOW);
    }

    private static MemberJoined hospitalJoinedAs(Role role) {
        return new MemberJoined(MEGURO, "meguro-hospital", StakeholderType.MEDICAL, Tier.REPRESENTATIVE, role,
                LocalDate.of(2024, 4, 1), SECRETARIAT, NOW);
    }

    @Test
    void anAdminDesignatesACouncil() {
        fixture.givenNoPriorActivity()
                .when(new DesignateCouncil(MEGURO, AreaLevel.MUNICIPALITY, "13110", "目黒区精神保健福祉推進協議会",
                        "Meguro mental health council", "meguro-health-centre", ADMIN, NOW))
                .expectEvents(designated());
    }

    @Test
    void aSecretariatCannotDesignateACouncil() {
        fixture.givenNoPriorActivity()
                .when(new DesignateCouncil(MEGURO, AreaLevel.MUNICIPALITY, "13110", "目黒区", null,
                        "meguro-health-centre", SECRETARIAT, NOW))
                .expectException(NotPermitted.class);
    }

    @Test
    void theSecretariatAddsAMemberOrganisation() {
        fixture.given(designated())
                .when(new AddMember(MEGURO, "meguro-hospital", StakeholderType.MEDICAL, Tier.REPRESENTATIVE,
                        Role.OBSERVER, LocalDate.of(2024, 4, 1), SECRETARIAT, NOW))
                .expectEvents(hospitalJoinedAs(Role.OBSERVER));
    }

    @Test
    void anotherCouncilsSecretariatCannotAddMembers() {
        fixture.given(designated())
                .when(new AddMember(MEGURO, "meguro-hospital", StakeholderType.MEDICAL, Tier.REPRESENTATIVE,
                        Role.MEMBER, LocalDate.of(2024, 4, 1), OTHER_SECRETARIAT, NOW))
                .expectException(NotPermitted.class);
    }

    @Test
    void anOrganisationSitsOnceAtATime() {
        fixture.given(designated(), hospitalJoinedAs(Role.MEMBER))
                .when(new AddMember(MEGURO, "meguro-hospital", StakeholderType.MEDICAL, Tier.PRACTITIONER,
                        Role.MEMBER, LocalDate.of(2024, 5, 1), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("meguro-hospital already sits on council-13110");
    }

    @Test
    void anObserverBecomingAMemberIsAFactWithItsDate() {
        fixture.given(designated(), hospitalJoinedAs(Role.OBSERVER))
                .when(new ChangeMemberRole(MEGURO, "meguro-hospital", Role.MEMBER, LocalDate.of(2024, 10, 1),
                        SECRETARIAT, NOW))
                .expectEvents(new MemberRoleChanged(MEGURO, "meguro-hospital", Role.OBSERVER, Role.MEMBER,
                        LocalDate.of(2024, 10, 1), SECRETARIAT, NOW));
    }

    @Test
    void aRoleChangeCannotPrecedeTheSeat() {
        fixture.given(designated(), hospitalJoinedAs(Role.OBSERVER))
                .when(new ChangeMemberRole(MEGURO, "meguro-hospital", Role.MEMBER, LocalDate.of(2024, 3, 1),
                        SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aRoleChangeToTheSameRoleIsRefused() {
        fixture.given(designated(), hospitalJoinedAs(Role.MEMBER))
                .when(new ChangeMemberRole(MEGURO, "meguro-hospital", Role.MEMBER, LocalDate.of(2024, 10, 1),
                        SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aMemberLeavesAndMayJoinAgainLater() {
        MemberLeft left = new MemberLeft(MEGURO, "meguro-hospital", LocalDate.of(2025, 3, 31), SECRETARIAT, NOW);
        fixture.given(designated(), hospitalJoinedAs(Role.MEMBER))
                .when(new RemoveMember(MEGURO, "meguro-hospital", LocalDate.of(2025, 3, 31), SECRETARIAT, NOW))
                .expectEvents(left);
        fixture.given(designated(), hospitalJoinedAs(Role.MEMBER), left)
                .when(new AddMember(MEGURO, "meguro-hospital", StakeholderType.MEDICAL, Tier.PRACTITIONER,
                        Role.MEMBER, LocalDate.of(2025, 4, 1), SECRETARIAT, NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anOrganisationThatDoesNotSitCannotLeave() {
        fixture.given(designated())
                .when(new RemoveMember(MEGURO, "meguro-hospital", LocalDate.of(2025, 3, 31), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aWorkingGroupIsFormedOnce() {
        WorkingGroupFormed formed = new WorkingGroupFormed(MEGURO, "housing", "住まい部会", LocalDate.of(2024, 5, 1),
                SECRETARIAT, NOW);
        fixture.given(designated())
                .when(new FormWorkingGroup(MEGURO, "housing", "住まい部会", LocalDate.of(2024, 5, 1), SECRETARIAT, NOW))
                .expectEvents(formed);
        fixture.given(designated(), formed)
                .when(new FormWorkingGroup(MEGURO, "housing", "住まい部会", LocalDate.of(2024, 6, 1), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }
}
