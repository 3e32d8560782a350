package jp.nimo.command.automation.escalation;

import jp.nimo.issues.IssueCommand.OpenEscalatedIssue;
import jp.nimo.issues.IssueEvent.IssueEscalated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * When an issue is escalated, open its linked issue on the receiving council's agenda, from the handover the
 * event carries. Runs in the escalation's transaction: if the linked issue cannot be opened, nothing is escalated.
 */
@Component
@ProcessingGroup(WhenIssueEscalatedOpenAtReceiver.NAME)
public class WhenIssueEscalatedOpenAtReceiver {

    public static final String NAME = "escalation-opens-at-receiver";

    private final CommandGateway commands;

    public WhenIssueEscalatedOpenAtReceiver(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(IssueEscalated escalated) {
        commands.sendAndWait(new OpenEscalatedIssue(escalated.linkedIssueId(), escalated.issueId(), escalated.title(),
                escalated.description(), escalated.scope(), escalated.toCouncilId(), escalated.decision()));
    }
}
