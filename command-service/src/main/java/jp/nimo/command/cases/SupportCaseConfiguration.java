package jp.nimo.command.cases;

import jp.nimo.cases.SupportCase;
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
 * Registers the case aggregate, snapshotted every {@link SupportCase#SNAPSHOT_EVERY} events; core-domain
 * stays free of Spring, so the aggregate carries no stereotype.
 */
@Configuration
public class SupportCaseConfiguration {

    @Bean
    public ConfigurerModule supportCaseAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(SupportCase.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        SupportCase.SNAPSHOT_EVERY)));
    }

    /**
     * Spring's snapshotter finds the aggregates it can snapshot by their factory beans; the model is
     * inspected with Spring's parameter resolvers, since handlers take beans such as the catalogue.
     */
    @Bean
    public AggregateFactory<SupportCase> supportCaseFactory(ParameterResolverFactory parameterResolvers,
                                                            HandlerDefinition handlerDefinition) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(SupportCase.class,
                parameterResolvers, handlerDefinition));
    }
}
