package org.safecase.query.projection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Failures that say something about the service rather than the event: the database is away, a
 * deadlock, a lock timeout, a missing table or privilege after a bad deployment. Retrying the same
 * event later may succeed, so such an event is never dead-lettered: the partition waits instead,
 * which keeps every incident's events in order.
 */
public final class TransientFailures {

    /** SQLSTATE classes: connection exception, transaction rollback, insufficient resources, operator intervention, syntax or access rule. */
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "42");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return false;
            }
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    /** Why an event could not be applied, in words that never quote it. */
    /** Whether the failure is, or was caused by, the given kind of exception. */
    public static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof PoisonEventException)
                && cause.getClass().getName().startsWith("org.springframework.kafka")) {
            cause = cause.getCause();
        }
        if (cause instanceof PoisonEventException poison) {
            return poison.getMessage();
        }
        StringBuilder reason = new StringBuilder("a projection failed: ").append(cause.getClass().getSimpleName());
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                reason.append(" (SQL state ").append(sql.getSQLState()).append(')');
                break;
            }
        }
        return reason.toString();
    }
}
