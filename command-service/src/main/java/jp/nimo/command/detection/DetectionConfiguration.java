package jp.nimo.command.detection;

import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.detection.DetectionRules;
import jp.nimo.detection.Signals;
import jp.nimo.command.automation.candidates.CandidateDetection;
import jp.nimo.command.automation.signals.SignalDetection;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.List;

/** Wiring of detection: the signal definitions, the rules aggregate, and two processors that never skip an event. */
@Configuration
@EnableScheduling
public class DetectionConfiguration {

    /** Detection's processors in the order of the chain: the signals first, then the policy deciding on them. */
    public static final List<String> PROCESSORS = List.of(SignalDetection.NAME, CandidateDetection.NAME);

    @Bean
    public Signals signals() {
        return ReferenceJson.signals();
    }

    @Bean
    public ConfigurerModule detectionRulesAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(DetectionRules.class));
    }

    /**
     * A failing event must stop detection and be retried, not be logged and skipped: a skipped event
     * would be a missed signal, a skipped signal a missed candidate.
     */
    @Bean
    public ConfigurerModule detectionStopsOnError() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(SignalDetection.NAME, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(CandidateDetection.NAME, c -> PropagatingErrorHandler.instance());
    }
}
