package jp.nimo.projection.analytics;

import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.detection.Signals;
import jp.nimo.infra.detection.JdbcCaseMemory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signal definitions the signal projection finds, and its own case memory tables. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    public Signals signals() {
        return ReferenceJson.signals();
    }

    /** The same case memory as the write side's detection, in the read side's own tables. */
    @Bean
    public JdbcCaseMemory signalMemory(JdbcTemplate jdbc) {
        return new JdbcCaseMemory(jdbc, "analytics_signal_");
    }
}
