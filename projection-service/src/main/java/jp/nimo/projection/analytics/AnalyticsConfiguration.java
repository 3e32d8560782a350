package jp.nimo.projection.analytics;

import jp.nimo.detection.Signals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signal definitions the signal projection finds, from the reference data. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    public Signals signals() {
        return Signals.load();
    }
}
