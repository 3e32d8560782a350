package jp.nimo.command.councils;

import io.swagger.v3.oas.models.media.Schema;
import jp.nimo.councils.AgendaItem;
import jp.nimo.councils.MeetingState;
import jp.nimo.councils.Membership;
import jp.nimo.infra.openapi.ComponentSchemas;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The enumerations of the council and meeting bodies, from the domain's own enums. */
@Component
public class CouncilSchemas implements ComponentSchemas {

    @Override
    public Map<String, Schema<?>> schemas() {
        return Map.of(
                "StakeholderType", ComponentSchemas.enumOf(Membership.StakeholderType.class,
                        "The field a member organisation represents."),
                "MemberTier", ComponentSchemas.enumOf(Membership.Tier.class,
                        "代表者 (REPRESENTATIVE) or 実務者 (PRACTITIONER)."),
                "MemberRole", ComponentSchemas.enumOf(Membership.Role.class,
                        "A member takes part in decisions; an observer attends."),
                "AgendaAsk", ComponentSchemas.enumOf(AgendaItem.Ask.class,
                        "What the council is asked to decide about the issue, or only to hear."),
                "MeetingState", ComponentSchemas.enumOf(MeetingState.class, "Where the meeting stands."),
                "CouncilMemberAction", ComponentSchemas.enumOf(List.of("leave", "change-role"),
                        "What changes for the member."),
                "MeetingActionName", ComponentSchemas.enumOf(List.of("add-agenda-item", "record-attendance",
                        "record-opinion", "record-minutes", "hold", "cancel", "issue-pack"), "What is recorded."));
    }
}
