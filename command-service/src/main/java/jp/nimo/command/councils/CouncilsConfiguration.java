package jp.nimo.command.councils;

import jp.nimo.councils.Council;
import jp.nimo.councils.Meeting;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the council and meeting aggregates: short-lived streams, no snapshots. */
@Configuration
public class CouncilsConfiguration {

    @Bean
    public ConfigurerModule councilAggregates() {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Council.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Meeting.class));
    }
}
