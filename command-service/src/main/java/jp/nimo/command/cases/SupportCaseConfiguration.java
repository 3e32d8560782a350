package jp.nimo.command.cases;

import jp.nimo.cases.SupportCase;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the case aggregate; core-domain stays free of Spring, so it carries no stereotype. */
@Configuration
public class SupportCaseConfiguration {

    @Bean
    public ConfigurerModule supportCaseAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(SupportCase.class));
    }
}
