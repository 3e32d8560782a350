package jp.nimo.infra.test;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.InetSocketAddress;

/**
 * A service started with its database behind a {@link TcpProxy}, so a test can cut the connection for
 * real and see what the service answers; {@link #direct()} reads the database past the proxy.
 */
public final class UnreachableDatabase implements AutoCloseable {

    private final TcpProxy proxy;
    private final ServletWebServerApplicationContext service;
    private final JdbcTemplate direct;

    public UnreachableDatabase(Class<?> application) {
        // a database of its own: the cut must not touch the processors of other services in the same JVM
        TestDatabase database = TestDatabase.isolated();
        InetSocketAddress address = database.address();
        proxy = new TcpProxy(address.getHostString(), address.getPort());
        service = (ServletWebServerApplicationContext) new SpringApplicationBuilder(application)
                .initializers(TestDatabaseInitializer.on(database.through("127.0.0.1", proxy.port())),
                        context -> context.getBeanFactory().addBeanPostProcessor(shortConnectionTimeout()))
                .run("--server.port=0", "--nimo.db.pool-size=3");
        direct = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    /** A short wait for a connection, so that an unreachable database is answered within a test's patience. */
    private static BeanPostProcessor shortConnectionTimeout() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    pool.setConnectionTimeout(1_500);
                    pool.setValidationTimeout(1_000);
                }
                return bean;
            }
        };
    }

    public int port() {
        return service.getWebServer().getPort();
    }

    public JdbcTemplate direct() {
        return direct;
    }

    public void cut() {
        proxy.cut();
    }

    public void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.restore();
        service.close();
        proxy.close();
    }
}
