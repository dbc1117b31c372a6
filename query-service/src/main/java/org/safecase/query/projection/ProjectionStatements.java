package org.safecase.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes of the projections that only write (they never read their own tables while projecting), so that a poll's
 * events cost a JDBC batch per statement shape instead of a round trip per statement. While {@link ProjectionWriter}
 * applies a poll ({@link #open}), a write is queued in order; {@link #flush} sends the queue, each run of the same
 * statement as one batch, so the statements run in exactly the order they were written. Outside an open batch a write
 * runs at once. A projection that reads what it wrote in the same poll must not write through here, unless it
 * remembers what it wrote rather than reading it back.
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

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ProjectionStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void update(String sql, Object... arguments) {
        List<Write> queue = queue();
        if (queue == null) {
            jdbc.update(sql, arguments);
        } else {
            queue.add(new Positional(sql, arguments));
        }
    }

    public void update(String sql, SqlParameterSource parameters) {
        List<Write> queue = queue();
        if (queue == null) {
            named.update(sql, parameters);
        } else {
            queue.add(new Named(sql, parameters));
        }
    }

    /** From here to the end of the current transaction, writes are queued until {@link #flush}. */
    void open() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("projection writes are batched inside a transaction only");
        }
        if (queue() != null) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, new ArrayList<Write>());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ProjectionStatements.this);
            }
        });
    }

    /** Sends what is queued, in order: each run of one statement as one batch. */
    void flush() {
        List<Write> queue = queue();
        if (queue == null || queue.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < queue.size()) {
            Write first = queue.get(start);
            int end = start + 1;
            while (end < queue.size() && sameShape(first, queue.get(end))) {
                end++;
            }
            send(queue.subList(start, end));
            start = end;
        }
        queue.clear();
    }

    private void send(List<Write> run) {
        Write first = run.get(0);
        if (run.size() == 1) {
            if (first instanceof Positional p) {
                jdbc.update(p.sql(), p.arguments());
            } else if (first instanceof Named n) {
                named.update(n.sql(), n.parameters());
            }
        } else if (first instanceof Positional) {
            jdbc.batchUpdate(first.sql(), run.stream().map(w -> ((Positional) w).arguments()).toList());
        } else {
            named.batchUpdate(first.sql(), run.stream().map(w -> ((Named) w).parameters()).toArray(SqlParameterSource[]::new));
        }
    }

    private static boolean sameShape(Write a, Write b) {
        return a.getClass() == b.getClass() && a.sql().equals(b.sql());
    }

    @SuppressWarnings("unchecked")
    private List<Write> queue() {
        return (List<Write>) TransactionSynchronizationManager.getResource(this);
    }
}
