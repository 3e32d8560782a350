package jp.nimo.infra.db;

import com.zaxxer.hikari.HikariDataSource;
import jp.nimo.infra.NimoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.Properties;

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
        EmbeddedDatabase database = EmbeddedDatabase.start(properties.getDataDir().resolve("postgres"), 0,
                EmbeddedDatabase.Durability.DURABLE);
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
        bound(dataSource, db);
        return dataSource;
    }

    /**
     * Bounds every wait on the database, so that a database that is down or frozen answers 503 within
     * seconds instead of hanging: the pool's wait, the driver's connect and log-in, and a check of every
     * connection as it is borrowed (a connection to a frozen server would otherwise hang its request).
     */
    static void bound(HikariDataSource dataSource, NimoProperties.Db db) {
        long connectMillis = Math.max(250, db.getConnectionTimeout().toMillis());
        int connectSeconds = (int) Math.max(1, db.getConnectionTimeout().toSeconds());
        dataSource.setConnectionTimeout(connectMillis);
        dataSource.setValidationTimeout(Math.max(250, Math.min(2000, connectMillis - 100)));
        dataSource.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
        dataSource.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
        dataSource.addDataSourceProperty("socketTimeout", String.valueOf(db.getSocketTimeout().toSeconds()));
        dataSource.addDataSourceProperty("tcpKeepAlive", "true");
        // Hikari checks a borrowed connection only when it has been idle for 500 ms; under load a connection
        // to a frozen server would skip the check and hang its request. Read by each pool as it is created.
        if (System.getProperty(ALIVE_BYPASS_WINDOW) == null) {
            System.setProperty(ALIVE_BYPASS_WINDOW, "0");
        }
    }

    private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

    /**
     * Migrations get a connection of their own without the socket timeout: an index built over millions of
     * events may take longer than any request should.
     */
    @Bean
    public FlywayConfigurationCustomizer migrationsWithoutSocketTimeout(HikariDataSource dataSource) {
        return configuration -> {
            DriverManagerDataSource migrations = new DriverManagerDataSource(
                    dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
            Properties driver = new Properties();
            driver.putAll(dataSource.getDataSourceProperties());
            driver.remove("socketTimeout");
            if (dataSource.getUsername() != null) {
                driver.setProperty("user", dataSource.getUsername());
            }
            if (dataSource.getPassword() != null) {
                driver.setProperty("password", dataSource.getPassword());
            }
            migrations.setConnectionProperties(driver);
            configuration.dataSource(migrations);
        };
    }
}
