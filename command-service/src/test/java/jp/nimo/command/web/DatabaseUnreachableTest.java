package jp.nimo.command.web;

import com.zaxxer.hikari.HikariDataSource;
import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.TcpProxy;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.InetSocketAddress;
import java.time.Duration;

import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write side with its database behind a connection that the test cuts for real: while the
 * database cannot be reached, writes answer 503 problem+json with Retry-After (not 500), nothing is
 * stored, and once it is back the same request succeeds.
 */
class DatabaseUnreachableTest {

    private static final String RENTAL_REFUSED = "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}";

    private static TcpProxy proxy;
    private static ServletWebServerApplicationContext service;
    private static RawHttp raw;
    /** Straight to the database, past the proxy, to see what was stored. */
    private static JdbcTemplate direct;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabase.get();
        InetSocketAddress address = database.address();
        proxy = new TcpProxy(address.getHostString(), address.getPort());
        service = (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(TestDatabaseInitializer.on(database.through("127.0.0.1", proxy.port())),
                        context -> context.getBeanFactory().addBeanPostProcessor(shortConnectionTimeout()))
                .run("--server.port=0", "--nimo.db.pool-size=3");
        raw = new RawHttp(service.getWebServer().getPort());
        direct = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    /** A short wait for a connection, so that an unreachable database is answered within the test's patience. */
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

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.restore();
        }
        if (service != null) {
            service.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private Answer post(String path, String body) {
        return raw.send(request("POST", path).basic(MEGURO_WORKER).json(body));
    }

    @Test
    void writesAre503WithRetryAfterWhileTheDatabaseIsUnreachableAndStoreNothing() {
        Answer opened = post("/api/cases", "{\"municipality\":\"13110\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.json().get("caseId").asText();
        long before = EventStoreRows.count(direct);

        proxy.cut();
        try {
            for (Answer answer : new Answer[]{post("/api/cases/" + caseId + "/events", RENTAL_REFUSED),
                    post("/api/cases", "{\"municipality\":\"13110\"}"),
                    raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                            .header("Idempotency-Key", "while-down-1").json(RENTAL_REFUSED))}) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.headers()).containsKey("retry-after");
                assertThat(answer.json().get("type").asText()).endsWith("/database-unavailable");
            }
        } finally {
            proxy.restore();
        }
        assertThat(EventStoreRows.count(direct)).isEqualTo(before);
        assertThat(direct.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = 'while-down-1'",
                Long.class)).isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/api/cases/" + caseId + "/events", RENTAL_REFUSED).status() == 201);
        assertThat(EventStoreRows.countFor(direct, caseId)).isEqualTo(2);
    }
}
