package jp.nimo.projection.admin;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * For every processor with {@code axon.eventhandling.processors.<name>.dlq.enabled=true} (Axon then keeps
 * its dead letters in {@code deadletterentry}): each event under a savepoint ({@link EventSavepoints}),
 * and a reset that clears the queue, since a rebuild replays the dead-lettered events with the rest.
 * Each segment keeps a cache of the sequences (aggregates) with a dead letter, so that an event of a sequence
 * without one is handled without asking the queue first: the queue is asked once when the segment is claimed,
 * and only the node holding a segment puts letters in it. ({@code dlq.cache.enabled} is not used: Axon's own
 * setting of it would replace this configuration.)
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetteringConfiguration {

    @Bean
    public ConfigurerModule deadLetteringProcessors(EventProcessorProperties properties, DataSource dataSource) {
        return configurer -> properties.getProcessors().forEach((name, settings) -> {
            if (!settings.getDlq().isEnabled()) {
                return;
            }
            EventSavepoints savepoints = new EventSavepoints(dataSource, name);
            configurer.eventProcessing()
                    .registerHandlerInterceptor(name, c -> savepoints)
                    .registerDeadLetterPolicy(name, c -> savepoints)
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name, (c, builder) -> builder.allowReset(true)
                            .enableSequenceIdentifierCache());
        });
    }
}
