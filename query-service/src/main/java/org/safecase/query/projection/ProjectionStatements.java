package org.safecase.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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

    private sealed interface Write permits Positional, Named {
        String sql();
    }

    private record Positional(String sql, Object[] arguments) implements Write {
    }

    private record Named(String sql, SqlParameterSource parameters) implements Write {
    }

    /** What writes share to be sent in one batch: their kind of parameters and their statement. */
    private record Shape(Class<? extends Write> kind, String sql) {
    }

    /** The writes of one batch: one statement, in the order they were made. */
    private record Batch(Write first, List<Write> writes) {
    }

    /** A transaction's queue: the batches in the order they will be sent. */
    private static final class Queue {
        final List<Batch> batches = new ArrayList<>();
        final Map<Shape, Integer> latestOfStatement = new HashMap<>();
        final Map<UUID, Integer> latestOfIncident = new HashMap<>();
        final List<Runnable> atFlush = new ArrayList<>();

        void add(UUID incidentId, Write write) {
            Shape shape = new Shape(write.getClass(), write.sql());
            Integer candidate = latestOfStatement.get(shape);
            Integer incidentsLatest = latestOfIncident.get(incidentId);
            int index;
            if (candidate != null && (incidentsLatest == null || incidentsLatest <= candidate)) {
                index = candidate;
                batches.get(index).writes().add(write);
            } else {
                index = batches.size();
                List<Write> writes = new ArrayList<>();
                writes.add(write);
                batches.add(new Batch(write, writes));
                latestOfStatement.put(shape, index);
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
    private final NamedParameterJdbcTemplate named;

    ProjectionStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A write of the incident's rows, with positional parameters. */
    public void update(UUID incidentId, String sql, Object... arguments) {
        Queue queue = queue();
        if (queue == null) {
            jdbc.update(sql, arguments);
        } else {
            queue.add(Objects.requireNonNull(incidentId, "a queued write names its incident"), new Positional(sql, arguments));
        }
    }

    /** A write of the incident's rows, with named parameters. */
    public void update(UUID incidentId, String sql, SqlParameterSource parameters) {
        Queue queue = queue();
        if (queue == null) {
            named.update(sql, parameters);
        } else {
            queue.add(Objects.requireNonNull(incidentId, "a queued write names its incident"), new Named(sql, parameters));
        }
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
        List<Write> writes = batch.writes();
        if (writes.size() == 1) {
            if (batch.first() instanceof Positional p) {
                jdbc.update(p.sql(), p.arguments());
            } else if (batch.first() instanceof Named n) {
                named.update(n.sql(), n.parameters());
            }
        } else if (batch.first() instanceof Positional) {
            jdbc.batchUpdate(batch.first().sql(), writes.stream().map(w -> ((Positional) w).arguments()).toList());
        } else {
            named.batchUpdate(batch.first().sql(), writes.stream().map(w -> ((Named) w).parameters())
                    .toArray(SqlParameterSource[]::new));
        }
    }

    private Queue queue() {
        return (Queue) TransactionSynchronizationManager.getResource(this);
    }
}
