package jp.nimo.command.automation;

import jp.nimo.infra.test.NimoServiceTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automations that finish a command's work run in subscribing processors: in the command's transaction,
 * and never again on a replay, since only a streaming processor (with a token) can be reset or replayed.
 */
@NimoServiceTest
class InTheCommandsTransactionTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void eachAutomationRunsInASubscribingProcessorThatNoReplayReaches() {
        for (String automation : InTheCommandsTransaction.AUTOMATIONS) {
            EventProcessor processor = processing.eventProcessor(automation).orElseThrow();
            assertThat(processor).as(automation).isInstanceOf(SubscribingEventProcessor.class)
                    .isNotInstanceOf(StreamingEventProcessor.class);
        }
    }
}
