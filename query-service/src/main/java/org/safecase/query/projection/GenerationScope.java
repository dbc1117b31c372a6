package org.safecase.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * Chooses the generation a transaction reads or writes, once: it puts the generation's schema first on
 * the transaction's {@code search_path} (then {@code public}, for the tables every generation shares), so
 * that repositories and projections name plain tables. The setting is transaction-local
 * ({@code set_config(..., true)}, the bindable form of {@code SET LOCAL}): it ends with the transaction,
 * never reaches another use of the pooled connection, and a statement outside a transaction would not see
 * it, so {@link #enter} refuses to run outside one. A transaction may enter one generation after another
 * (the live consumer writes the ACTIVE and the BUILDING generation in one transaction).
 */
@Component
public class GenerationScope {

    /** The generation a transaction's connection is in, so that entering it again costs no round trip. */
    private record Entered(Object connection, String schema) {
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ProjectionGenerations generations;
    private final TransactionTemplate reads;

    GenerationScope(JdbcTemplate jdbc, DataSource dataSource, ProjectionGenerations generations,
                    PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.generations = generations;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    /** Runs a read in the ACTIVE generation, in a read-only transaction (or the caller's, if it has one). */
    public <T> T read(Supplier<T> read) {
        return reads.execute(status -> {
            enterActive();
            return read.get();
        });
    }

    /** From here to the end of the current transaction (or the next {@link #enter}), plain table names are the ACTIVE generation's. */
    public void enterActive() {
        enter(generations.active());
    }

    /** The schema the current transaction has entered last. */
    public String entered() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Entered entered) {
            return entered.schema();
        }
        throw new IllegalStateException("the transaction has entered no generation");
    }

    /** From here to the end of the current transaction (or the next {@code enter}), plain table names are this generation's. */
    public void enter(Generation generation) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a generation is entered inside a transaction only: its search_path is transaction-local");
        }
        String schema = ProjectionSchema.checked(generation.schema());
        Object connection = TransactionSynchronizationManager.getResource(dataSource);
        if (TransactionSynchronizationManager.getResource(this) instanceof Entered entered
                && entered.connection() == connection && entered.schema().equals(schema)) {
            return;
        }
        jdbc.queryForObject("SELECT set_config('search_path', ? || ', public', true)", String.class, schema);
        if (TransactionSynchronizationManager.unbindResourceIfPossible(this) == null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(GenerationScope.this);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(this, new Entered(connection, schema));
    }
}
