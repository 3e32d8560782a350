package jp.nimo.command.issues;

import jp.nimo.issues.RegionalIssue;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the regional-issue aggregate, snapshotted every {@link RegionalIssue#SNAPSHOT_EVERY} events
 * (evidence keeps arriving); its handlers get the councils injected as a Spring bean.
 */
@Configuration
public class RegionalIssueConfiguration {

    @Bean
    public ConfigurerModule regionalIssueAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(RegionalIssue.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        RegionalIssue.SNAPSHOT_EVERY)));
    }

    /** Spring's snapshotter finds the aggregates it can snapshot by their factory beans. */
    @Bean
    public AggregateFactory<RegionalIssue> regionalIssueFactory(ParameterResolverFactory parameterResolvers,
                                                                HandlerDefinition handlerDefinition) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(RegionalIssue.class,
                parameterResolvers, handlerDefinition));
    }
}
