package jp.nimo.projection.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The audit-chain processor, set in code because none of it is a matter of configuration: one segment,
 * so that one thread on one node appends the chain in the order of the stream; starting from the tail of
 * the log, not from Axon's default replay token (whose replay this processor's handler would skip); and
 * no dead-letter queue, so that a failing event stops the chain rather than being passed over.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    @Autowired
    void auditChainProcessor(EventProcessingConfigurer processing) {
        processing.registerPooledStreamingEventProcessor(AuditChainProjection.NAME,
                org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder
                        .initialSegmentCount(1)
                        .batchSize(100)
                        .initialToken(StreamableMessageSource::createTailToken));
    }
}
