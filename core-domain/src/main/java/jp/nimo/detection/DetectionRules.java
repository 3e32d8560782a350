package jp.nimo.detection;

import jp.nimo.issues.Actor;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The history of detection rule changes: one stream, so that every change is an event in the log
 * and applies to the signals detected after it, live and in replays.
 */
public class DetectionRules {

    public static final String ID = "detection-rules";

    /** Set the rule of a council (or {@code *}) and category (or {@code *}); a null rule removes it. */
    public record ChangeDetectionRule(@TargetAggregateIdentifier String rulesId, String councilId, String category,
                                      DetectionRule rule, Actor actor, Instant at) {
    }

    public record DetectionRuleChanged(String rulesId, String councilId, String category, DetectionRule rule,
                                       Actor changedBy, Instant changedAt) {
    }

    @AggregateIdentifier
    private String rulesId;

    protected DetectionRules() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeDetectionRule command) {
        apply(new DetectionRuleChanged(ID, command.councilId(), command.category(), command.rule(), command.actor(),
                command.at()));
    }

    @EventSourcingHandler
    void on(DetectionRuleChanged event) {
        rulesId = event.rulesId();
    }
}
