package jp.nimo.command.automation.merge;

import jp.nimo.issues.IssueCommand.TakeInMergedIssue;
import jp.nimo.issues.IssueEvent.IssueMerged;
import jp.nimo.validation.InvalidInputException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * When an issue is merged, the issue it joins takes it in. Runs in the merge's transaction: an unknown or
 * closed issue to merge into refuses the merge itself.
 */
@Component
@ProcessingGroup(WhenIssueMergedTakeIn.NAME)
public class WhenIssueMergedTakeIn {

    public static final String NAME = "merge-takes-in";

    private final CommandGateway commands;

    public WhenIssueMergedTakeIn(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(IssueMerged merged) {
        try {
            commands.sendAndWait(new TakeInMergedIssue(merged.intoIssueId(), merged.issueId(), merged.decision()));
        } catch (AggregateNotFoundException e) {
            // the merge named it: to the client, an unknown issue to merge into is bad input of the merge
            throw new InvalidInputException("intoIssueId", "is not a known issue");
        }
    }
}
