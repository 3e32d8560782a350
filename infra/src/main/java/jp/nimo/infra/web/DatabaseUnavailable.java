package jp.nimo.infra.web;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that means the database cannot be reached right now (refused, reset, pool
 * exhausted, server shutting down or starting) however Spring, Axon or the driver wrapped it: such a
 * request may succeed when retried, so it is answered with 503 and Retry-After, not 500.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (unreachable(sql.getSQLState()) || evicted(sql))) {
                return true;
            }
            // a rollback that failed on the broken connection hides the failure that caused the rollback
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != e && causes(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's proxy of a connection it evicted after a connection-level failure answers every later
     * call of the same transaction with this, and no SQLState.
     */
    private static boolean evicted(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /** Connection exceptions (class 08), admin shutdown (57P01) and cannot connect now (57P03). */
    static boolean unreachable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P03"));
    }
}
