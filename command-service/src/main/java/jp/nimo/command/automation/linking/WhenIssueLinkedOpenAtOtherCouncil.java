package jp.nimo.command.automation.linking;

import jp.nimo.issues.IssueCommand.OpenLinkedIssue;
import jp.nimo.issues.IssueEvent.IssueDelegated;
import jp.nimo.issues.IssueEvent.IssueReportedUp;
import jp.nimo.issues.IssueLinkType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * When an issue is reported up or delegated, open the linked issue on the other council's agenda, holding
 * the other end of the link. Runs in the reporting command's transaction: if the linked issue cannot be
 * opened (its derived id is taken), nothing is recorded.
 */
@Component
@ProcessingGroup(WhenIssueLinkedOpenAtOtherCouncil.NAME)
public class WhenIssueLinkedOpenAtOtherCouncil {

    public static final String NAME = "links-open-at-other-council";

    private final CommandGateway commands;

    public WhenIssueLinkedOpenAtOtherCouncil(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(IssueReportedUp reported) {
        commands.sendAndWait(new OpenLinkedIssue(reported.linkedIssueId(), IssueLinkType.REPORTED_FROM,
                reported.issueId(), reported.fromCouncilId(), null, reported.title(), reported.description(),
                reported.linkedScope(), reported.toCouncilId(), reported.decision()));
    }

    @EventHandler
    void on(IssueDelegated delegated) {
        commands.sendAndWait(new OpenLinkedIssue(delegated.linkedIssueId(), IssueLinkType.DELEGATED_FROM,
                delegated.issueId(), delegated.fromCouncilId(), delegated.scope(), delegated.title(),
                delegated.description(), delegated.linkedScope(), delegated.toCouncilId(), delegated.decision()));
    }
}
