package jp.nimo.infra.security;

import jp.nimo.infra.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared count of failed logins on real PostgreSQL: the window, the waits and the deletion of
 * forgotten rows, with instants given by the test. Each test counts keys of its own.
 */
class LoginFailuresTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Slowdown BY_NAME = new Slowdown(5, Duration.ofSeconds(60));
    private static final Instant T0 = Instant.parse("2024-10-01T00:00:00Z");

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void schema() {
        TestDatabase database = TestDatabase.isolated();
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).locations("classpath:db/migration")
                .load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    private static Integer failures(LoginKey key) {
        return jdbc.query("SELECT failures FROM login_throttle WHERE kind = ? AND login_key = ?",
                (row, n) -> row.getInt(1), key.kind().column(), key.value()).stream().findFirst().orElse(null);
    }

    @Test
    void aKeyWaitsOnlyAfterItsFreeFailuresAndOnlyUntilItsWaitIsOver() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey name = LoginKey.name("worker-hachioji");
        LoginKey address = LoginKey.address("203.0.113.70");
        for (int i = 0; i < 5; i++) {
            assertThat(failures.failed(name, BY_NAME, T0.plusSeconds(i))).isZero();
        }
        assertThat(failures.waits(name, address, T0.plusSeconds(5)).longest()).isNull();
        assertThat(failures.waits(name, address, T0.plusSeconds(5)).nameCounted()).isTrue();

        assertThat(failures.failed(name, BY_NAME, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        LoginFailures.Waits waits = failures.waits(name, address, T0.plusMillis(10_500));
        assertThat(waits.longest()).isEqualTo(LoginKey.Kind.NAME);
        assertThat(waits.until()).containsEntry(LoginKey.Kind.NAME, T0.plusSeconds(11));
        assertThat(failures.waits(name, address, T0.plusSeconds(11)).longest()).isNull();
    }

    @Test
    void ofTwoWaitingKeysTheLongerWaitHoldsTheAttempt() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey name = LoginKey.name("worker-setagaya-2");
        LoginKey address = LoginKey.address("203.0.113.71");
        Slowdown byAddress = new Slowdown(0, Duration.ofMinutes(10));
        for (int i = 0; i < 6; i++) {
            failures.failed(name, BY_NAME, T0);
        }
        failures.failed(address, byAddress, T0);
        failures.failed(address, byAddress, T0);
        LoginFailures.Waits waits = failures.waits(name, address, T0);
        assertThat(waits.until()).containsEntry(LoginKey.Kind.NAME, T0.plusSeconds(1))
                .containsEntry(LoginKey.Kind.ADDRESS, T0.plusSeconds(2));
        assertThat(waits.longest()).isEqualTo(LoginKey.Kind.ADDRESS);
    }

    @Test
    void aCountStartsAgainAfterAQuietWindowEvenBeforeItsRowIsDeleted() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey name = LoginKey.name("secretariat-kure");
        for (int i = 0; i < 5; i++) {
            failures.failed(name, BY_NAME, T0);
        }
        // a failure of another key just before the window ends runs the clean-up, which keeps the row
        failures.failed(LoginKey.name("someone-else"), BY_NAME, T0.plus(WINDOW).minusSeconds(10));
        assertThat(failures(name)).isEqualTo(5);

        assertThat(failures.failed(name, BY_NAME, T0.plus(WINDOW).plusSeconds(1))).isZero();
        assertThat(failures(name)).isEqualTo(1);
    }

    @Test
    void aCountLastsAsLongAsFailuresComeWithinTheWindowOfEachOther() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey name = LoginKey.name("worker-tama");
        for (int i = 0; i < 6; i++) {
            failures.failed(name, BY_NAME, T0.plus(Duration.ofMinutes(14).multipliedBy(i)));
        }
        assertThat(failures(name)).isEqualTo(6);
    }

    @Test
    void forgottenRowsAreDeletedAtMostOncePerMinuteByANode() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey stale = LoginKey.address("203.0.113.72");
        LoginKey recent = LoginKey.address("203.0.113.73");
        Instant later = T0.plus(Duration.ofDays(1));
        failures.failed(stale, BY_NAME, later);
        failures.failed(recent, BY_NAME, later.plusSeconds(30));

        failures.failed(LoginKey.name("trigger-1"), BY_NAME, later.plus(WINDOW).plusSeconds(1));
        assertThat(failures(stale)).isNull();
        assertThat(failures(recent)).isEqualTo(1);

        // the recent key's count is forgotten half a minute later, but the clean-up waits for its minute
        failures.failed(LoginKey.name("trigger-2"), BY_NAME, later.plus(WINDOW).plusSeconds(40));
        assertThat(failures(recent)).isEqualTo(1);
        failures.failed(LoginKey.name("trigger-3"), BY_NAME, later.plus(WINDOW).plusSeconds(62));
        assertThat(failures(recent)).isNull();
    }

    @Test
    void aLoginForgetsItsNameOnly() {
        LoginFailures failures = new LoginFailures(jdbc, WINDOW);
        LoginKey name = LoginKey.name("analyst-osaka");
        LoginKey address = LoginKey.address("203.0.113.74");
        failures.failed(name, BY_NAME, T0);
        failures.failed(address, BY_NAME, T0);
        failures.forget(name);
        assertThat(failures(name)).isNull();
        assertThat(failures(address)).isEqualTo(1);
    }
}
