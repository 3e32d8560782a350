package jp.nimo.command.detection;

import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.detection.DetectionRules;
import jp.nimo.detection.Signals;
import jp.nimo.infra.detection.JdbcCaseMemory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of detection: the signal definitions, the rules aggregate, and a processor that never skips an event. */
@Configuration
@EnableScheduling
public class DetectionConfiguration {

    @Bean
    public Signals signals() {
        return ReferenceJson.signals();
    }

    /** What detection remembers about cases, in the write side's detection tables. */
    @Bean
    public JdbcCaseMemory detectionCaseMemory(JdbcTemplate jdbc) {
        return new JdbcCaseMemory(jdbc, "detection_");
    }

    @Bean
    public ConfigurerModule detectionRulesAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(DetectionRules.class));
    }

    /**
     * A failing event must stop detection and be retried, not be logged and skipped: a skipped event
     * would be a missed signal.
     */
    @Bean
    public ConfigurerModule detectionStopsOnError() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DetectionProcess.NAME, c -> PropagatingErrorHandler.instance());
    }
}
