package jp.nimo.projection.analytics;

import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.detection.Signals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signal definitions: their labels and which of them are absences. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    public Signals signals() {
        return ReferenceJson.signals();
    }
}
