package jp.nimo.projection.indicators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.infra.test.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics tests' own world: a database of their own (so that hand-computed totals meet no other
 * test's events), the real write side on it, and the read side under test on it (each test class
 * points its context here with {@link ReadSide}; the classes share one context). Each test class writes
 * its synthetic history in municipalities and years of its own.
 */
public final class AnalyticsWorld {

    private static TestDatabase database;
    private static Http write;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsWorld() {
    }

    public static synchronized TestDatabase database() {
        if (database == null) {
            database = TestDatabase.isolated();
        }
        return database;
    }

    /** The read side's context on the analytics database. */
    public static class ReadSide implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestDatabaseInitializer.on(database()).initialize(context);
        }
    }

    /** The real write side on the analytics database, started once. */
    public static synchronized Http write() {
        if (write == null) {
            ServletWebServerApplicationContext context = (ServletWebServerApplicationContext)
                    new SpringApplicationBuilder(CommandServiceApplication.class)
                            .initializers(TestDatabaseInitializer.on(database()),
                                    // above application.properties, which names the write side's usual port
                                    app -> TestPropertyValues.of("server.port=0",
                                            "spring.application.name=nimo-command-service-analytics").applyTo(app))
                            .run();
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "analytics-write-side-stop"));
            write = new Http(context.getWebServer().getPort());
        }
        return write;
    }

    /** Opens a case in a municipality as Tokyo's outreach worker (no municipality restriction). */
    public static String openCase(String municipality) {
        Answer opened = write().post(TestUsers.TOKYO_WORKER, "/api/cases", "{\"municipality\":\"" + municipality + "\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    /** Records an event: {@code fields} are name, value pairs of the kind's fields. */
    public static String record(String caseId, String kind, LocalDate on, Object... fields) {
        ObjectNode body = JSON.createObjectNode().put("kind", kind).put("occurredOn", on.toString());
        for (int i = 0; i < fields.length; i += 2) {
            body.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        Answer recorded = write().post(TestUsers.TOKYO_WORKER, "/api/cases/" + caseId + "/events", body.toString());
        assertThat(recorded.status()).as(kind + " " + on + ": " + recorded.text()).isEqualTo(201);
        return recorded.field("eventId");
    }

    /** Waits until nothing has been appended for a while and the named processors have handled everything. */
    public static void awaitQuiet(JdbcTemplate jdbc, List<String> processors) {
        AtomicLong lastHead = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).during(Duration.ofMillis(500))
                .until(() -> {
                    Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
                    boolean still = lastHead.getAndSet(head) == head;
                    return still && processors.stream().allMatch(p -> EventStoreRows.caughtUp(jdbc, p));
                });
    }
}
