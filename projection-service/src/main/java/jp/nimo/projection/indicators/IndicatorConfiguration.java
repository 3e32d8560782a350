package jp.nimo.projection.indicators;

import jp.nimo.projection.shared.BundledLabels;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Indicators;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projected indicators, read from the reference data once at start. */
@Configuration(proxyBeanMethods = false)
public class IndicatorConfiguration {

    @Bean
    public ProjectedIndicators projectedIndicators(Indicators indicators, EventKindCatalogue catalogue, BundledLabels labels) {
        return ProjectedIndicators.of(indicators, catalogue, labels);
    }
}
