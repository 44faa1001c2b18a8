package dev.quitto.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means that the database cannot be reached right now (503 {@code unavailable} with
 * {@code Retry-After}, a server condition) rather than a bug (500). It looks through the causes, and through the
 * exception a failed rollback replaced: a connection the database dropped fails the statement and then the rollback.
 */
final class DatabaseUnavailable {

    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    static boolean explains(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        pending.push(failure);
        while (!pending.isEmpty() && seen.size() < 50) {
            Throwable cause = pending.pop();
            if (seen.put(cause, Boolean.TRUE) != null) {
                continue;
            }
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof QueryTimeoutException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08: connection exception; 57P01..57P03: the server is shutting down or not accepting connections.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof TransactionSystemException transaction && transaction.getApplicationException() != null) {
                pending.push(transaction.getApplicationException());
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
        }
        return false;
    }

    static ProblemDetail problem() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.UNAVAILABLE, "The database is unavailable; try again shortly.");
    }
}
