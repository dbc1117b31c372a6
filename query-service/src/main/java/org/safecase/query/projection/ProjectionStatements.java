package org.safecase.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes of the projections, so that a poll's events cost a JDBC batch per statement shape instead of a round trip
 * per statement. While {@link ProjectionWriter} applies a poll ({@link #open}), each write is queued with the incident
 * it changes; {@link #flush} sends the queue as batches of one statement each. A write joins the latest batch of its
 * statement unless an earlier write of the same incident sits in a later batch: every write of an incident runs in
 * the order it was made, while writes of different incidents, which touch different rows, may be sent in another order.
 * Outside an open batch a write runs at once. A projection that reads what it wrote in the same poll must not write
 * through here, unless it remembers what it wrote rather than reading it back.
 */
@Component
public class ProjectionStatements {

    /** The writes of one batch: one statement, with each write's arguments in the order they were made. */
    private record Batch(String sql, List<Object[]> writes) {
    }

    /** A transaction's queue: the batches in the order they will be sent. */
    private static final class Queue {
        final List<Batch> batches = new ArrayList<>();
        final Map<String, Integer> latestOfStatement = new HashMap<>();
        final Map<UUID, Integer> latestOfIncident = new HashMap<>();
        final List<Runnable> atFlush = new ArrayList<>();

        void add(UUID incidentId, String sql, Object[] arguments) {
            Integer candidate = latestOfStatement.get(sql);
            Integer incidentsLatest = latestOfIncident.get(incidentId);
            int index;
            if (candidate != null && (incidentsLatest == null || incidentsLatest <= candidate)) {
                index = candidate;
                batches.get(index).writes().add(arguments);
            } else {
                index = batches.size();
                List<Object[]> writes = new ArrayList<>();
                writes.add(arguments);
                batches.add(new Batch(sql, writes));
                latestOfStatement.put(sql, index);
            }
            latestOfIncident.put(incidentId, index);
        }

        void clear() {
            atFlush.clear();
            batches.clear();
            latestOfStatement.clear();
            latestOfIncident.clear();
        }
    }

    private final JdbcTemplate jdbc;
    /** The statements with named parameters, parsed once: they are the projections' own constant texts. */
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();

    ProjectionStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A write of the incident's rows, with positional parameters. */
    public void update(UUID incidentId, String sql, Object... arguments) {
        Queue queue = queue();
        if (queue == null) {
            jdbc.update(sql, statement -> bind(statement, arguments));
        } else {
            queue.add(Objects.requireNonNull(incidentId, "a queued write names its incident"), sql, arguments);
        }
    }

    /** A write of the incident's rows, with named parameters: the same write with positional ones. */
    public void update(UUID incidentId, String sql, SqlParameterSource parameters) {
        ParsedSql statement = parsed.computeIfAbsent(sql, NamedParameterUtils::parseSqlStatement);
        update(incidentId, NamedParameterUtils.substituteNamedParameters(statement, parameters),
                NamedParameterUtils.buildValueArray(statement, parameters, null));
    }

    /** Whether writes are being queued: the current transaction is applying a poll. */
    public boolean batching() {
        return queue() != null;
    }

    /**
     * Runs the action at the next {@link #flush}, after the queued writes: for a projection that gathers its own
     * writes during a poll (counters summed, then written in a fixed order). Only while {@link #batching}.
     */
    public void atFlush(Runnable action) {
        Queue queue = queue();
        if (queue == null) {
            throw new IllegalStateException("no poll is being applied");
        }
        queue.atFlush.add(action);
    }

    /** From here to the end of the current transaction, writes are queued until {@link #flush}. */
    void open() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("projection writes are batched inside a transaction only");
        }
        if (queue() != null) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, new Queue());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ProjectionStatements.this);
            }
        });
    }

    /** Sends what is queued, a batch at a time. */
    void flush() {
        Queue queue = queue();
        if (queue == null) {
            return;
        }
        for (Batch batch : queue.batches) {
            send(batch);
        }
        List<Runnable> actions = List.copyOf(queue.atFlush);
        queue.clear();
        actions.forEach(Runnable::run);
    }

    private void send(Batch batch) {
        if (batch.writes().size() == 1) {
            jdbc.update(batch.sql(), statement -> bind(statement, batch.writes().get(0)));
        } else {
            jdbc.batchUpdate(batch.sql(), batch.writes(), batch.writes().size(), ProjectionStatements::bind);
        }
    }

    /**
     * Binds each argument by its type, straight to the driver: the projections write UUIDs, numbers, text, flags, times
     * and text arrays, and Spring's binding of an argument of unknown type cost a tenth of a rebuild's samples (JFR,
     * BENCHMARKS.md). Times are written as {@code OffsetDateTime}, which the driver formats directly (a
     * {@code java.sql.Timestamp} goes through a shared calendar: 8% of a rebuild's samples). A typed
     * {@link SqlParameterValue} is bound by Spring as before.
     */
    private static void bind(PreparedStatement statement, Object[] arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            int index = i + 1;
            Object argument = arguments[i];
            if (argument == null) {
                statement.setNull(index, Types.NULL);
            } else if (argument instanceof String text) {
                statement.setString(index, text);
            } else if (argument instanceof Long number) {
                statement.setLong(index, number);
            } else if (argument instanceof Integer number) {
                statement.setInt(index, number);
            } else if (argument instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else if (argument instanceof SqlParameterValue typed) {
                StatementCreatorUtils.setParameterValue(statement, index, typed, typed.getValue());
            } else {
                statement.setObject(index, argument);
            }
        }
    }

    private Queue queue() {
        return (Queue) TransactionSynchronizationManager.getResource(this);
    }
}
