package jp.nimo.infra.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached now", however Spring, Axon or the driver wrapped them. */
class DatabaseUnavailableTest {

    private static SQLException state(String sqlState) {
        return new SQLException("failure with state " + sqlState, sqlState);
    }

    @Test
    void connectionFailuresAreRecognisedThroughTheirWrappers() {
        assertThat(DatabaseUnavailable.causes(new CannotGetJdbcConnectionException("pool", state("08001")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new CannotCreateTransactionException("tx",
                new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"))))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLTransientConnectionException("nimo - Connection is not available"))).isTrue();
        assertThat(DatabaseUnavailable.causes(state("08006"))).isTrue();
        assertThat(DatabaseUnavailable.causes(state("08S01"))).isTrue();
        assertThat(DatabaseUnavailable.causes(state("57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causes(state("57P03"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new CommandExecutionException("command failed",
                new EventStoreException("append failed", new JdbcException("jdbc", state("57P01")))))).isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new EventStoreException("append failed", state("08006")));
        assertThat(DatabaseUnavailable.causes(rollbackFailed)).isTrue();
        assertThat(DatabaseUnavailable.causes(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLStateSQLExceptionTranslator().translate("insert", "INSERT", state("08003"))))
                .isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseUnavailable.causes(state("23505"))).isFalse();
        assertThat(DatabaseUnavailable.causes(state("40001"))).isFalse();
        assertThat(DatabaseUnavailable.causes(state("57014"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("duplicate", state("23505")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new CommandExecutionException("command failed", new IllegalStateException())))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
    }

    @Test
    void theAnswerIs503WithRetryAfterAndAnUnexpectedFailureStays500() {
        ProblemAdvice advice = new ProblemAdvice();
        ResponseEntity<ProblemDetail> unavailable = advice.commandFailed(new CommandExecutionException("command failed",
                new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"))));
        assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
        assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo(Problems.RETRY_AFTER_SECONDS);
        assertThat(unavailable.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(advice.unexpected(new IllegalStateException("bug")).getStatusCode().value()).isEqualTo(500);
    }
}
