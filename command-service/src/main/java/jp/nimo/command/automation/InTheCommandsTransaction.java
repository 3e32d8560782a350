package jp.nimo.command.automation;

import jp.nimo.command.automation.councils.WhenCouncilDesignatedListIt;
import jp.nimo.command.automation.erasure.WhenCaseErasedDestroyKey;
import jp.nimo.command.automation.escalation.WhenIssueEscalatedOpenAtReceiver;
import jp.nimo.command.automation.linking.WhenIssueLinkedOpenAtOtherCouncil;
import jp.nimo.command.automation.merge.WhenIssueMergedTakeIn;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The automations that finish a command's work run in subscribing processors: in the publishing command's
 * unit of work and database transaction, on this node's live events only (no token, so no replay ever runs
 * them again). Their failure is propagated, not logged, so that it fails and rolls back the command.
 */
@Configuration
public class InTheCommandsTransaction {

    static final List<String> AUTOMATIONS = List.of(WhenIssueEscalatedOpenAtReceiver.NAME,
            WhenIssueMergedTakeIn.NAME, WhenCaseErasedDestroyKey.NAME, WhenCouncilDesignatedListIt.NAME,
            WhenIssueLinkedOpenAtOtherCouncil.NAME);

    @Bean
    public ConfigurerModule subscribingAutomations() {
        return configurer -> configurer.eventProcessing(processing -> AUTOMATIONS.forEach(name -> processing
                .registerSubscribingEventProcessor(name)
                .registerListenerInvocationErrorHandler(name, c -> PropagatingErrorHandler.instance())));
    }
}
