package jp.nimo.command.issues;

import jp.nimo.issues.RegionalIssue;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the regional-issue aggregate; its handlers get the councils injected as a Spring bean. */
@Configuration
public class RegionalIssueConfiguration {

    @Bean
    public ConfigurerModule regionalIssueAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(RegionalIssue.class));
    }
}
