package jp.nimo.infra;

import jp.nimo.infra.reference.DesignatedCouncils;
import jp.nimo.infra.reference.ReferenceJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Organisations;
import jp.nimo.reference.EventKindCatalogue;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

import java.time.Clock;

/** The reference data both services answer from, loaded once at start from core-domain's files. */
@AutoConfiguration
@EnableConfigurationProperties(NimoProperties.class)
@PropertySource("classpath:nimo-defaults.properties")
public class ReferenceDataAutoConfiguration {

    @Bean
    public Areas areas() {
        return Areas.load();
    }

    @Bean
    public EventKindCatalogue eventKindCatalogue() {
        return ReferenceJson.eventKinds();
    }

    @Bean
    public Categories categories() {
        return ReferenceJson.categories();
    }

    @Bean
    public DesignatedCouncils designatedCouncils(ObjectProvider<JdbcTemplate> database, Areas areas) {
        return new DesignatedCouncils(database, areas);
    }

    /** The reference councils, and those designated since, found by id in the shared database. */
    @Bean
    public Councils councils(DesignatedCouncils designated) {
        return ReferenceJson.councils().withDesignated(designated::council);
    }

    @Bean
    public Indicators indicators() {
        return ReferenceJson.indicators();
    }

    @Bean
    public Organisations organisations() {
        return ReferenceJson.organisations();
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
