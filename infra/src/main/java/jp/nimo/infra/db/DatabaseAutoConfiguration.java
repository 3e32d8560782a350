package jp.nimo.infra.db;

import com.zaxxer.hikari.HikariDataSource;
import jp.nimo.infra.NimoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import javax.sql.DataSource;

/**
 * The database both services use: the PostgreSQL of {@code NIMO_DB_URL} when it is set, otherwise
 * an embedded PostgreSQL with its data under {@code NIMO_DATA_DIR/postgres}.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties(NimoProperties.class)
public class DatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(NoExternalDatabase.class)
    @ConditionalOnMissingBean(DataSource.class)
    public EmbeddedDatabase embeddedDatabase(NimoProperties properties) {
        EmbeddedDatabase database = EmbeddedDatabase.start(properties.getDataDir().resolve("postgres"), 0);
        log.info("Embedded PostgreSQL started on port {} with its data in {}", database.port(),
                properties.getDataDir().resolve("postgres").toAbsolutePath());
        return database;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DataSource.class)
    public HikariDataSource dataSource(NimoProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        NimoProperties.Db db = properties.getDb();
        if (db.isConfigured()) {
            dataSource.setJdbcUrl(db.getUrl());
            dataSource.setUsername(db.getUser());
            dataSource.setPassword(db.getPassword());
        } else {
            EmbeddedDatabase database = embedded.getObject();
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(EmbeddedDatabase.USER);
        }
        dataSource.setPoolName("nimo");
        dataSource.setMaximumPoolSize(db.getPoolSize());
        dataSource.setMinimumIdle(Math.min(db.getMinIdle(), db.getPoolSize()));
        return dataSource;
    }
}
