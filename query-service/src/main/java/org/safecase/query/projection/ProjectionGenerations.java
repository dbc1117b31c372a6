package org.safecase.query.projection;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Statement;
import java.util.List;

/**
 * The generations of the projections. Each lives in a schema of its own ({@code gen_1}, {@code gen_2},
 * ...) whose tables come from {@code db/projection}; exactly one is ACTIVE and serves reads, and at most
 * one is BUILDING (a rebuild from the start of the topic, which becomes ACTIVE when it has caught up).
 * The live consumer writes to both. Which is which is read from {@code projection_generation} at
 * most once a second, so a switch-over reaches every instance within about a second.
 */
@Component
public class ProjectionGenerations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);

    /** Serialises the start-up of instances sharing one database: only one creates the first generation. */
    private static final long STARTUP_LOCK = 0x5AFECA5E0001L;
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private record Snapshot(Generation active, List<Generation> writes, long readAt) {
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private volatile Snapshot snapshot;

    ProjectionGenerations(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * On start-up: create the first generation if there is none, and bring every live generation's
     * schema up to the latest projection migrations (so a new read model reaches existing generations).
     */
    @Override
    public void afterPropertiesSet() {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + STARTUP_LOCK + ")");
                try {
                    List<Generation> live = read();
                    if (live.stream().noneMatch(Generation::isActive)) {
                        createActive();
                    }
                    for (Generation generation : read()) {
                        migrate(generation.schema());
                    }
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + STARTUP_LOCK + ")");
                }
            }
            return null;
        });
        refresh();
    }

    /** The schema that serves reads. */
    public String activeSchema() {
        return current().active().schema();
    }

    public Generation active() {
        return current().active();
    }

    /** The generations the live consumer writes to: the ACTIVE one, and the BUILDING one if a rebuild runs. */
    public List<Generation> writeGenerations() {
        return current().writes();
    }

    /** Re-reads the generations now, for example right after a switch-over. */
    public void refresh() {
        List<Generation> live = read();
        Generation active = live.stream().filter(Generation::isActive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ACTIVE projection generation"));
        snapshot = new Snapshot(active, live, System.nanoTime());
    }

    /** Creates a generation's schema if need be and applies the projection migrations it lacks. */
    public void migrate(String schema) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(ProjectionSchema.checked(schema))
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/projection")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.readAt() > REFRESH_NANOS) {
            refresh();
            current = snapshot;
        }
        return current;
    }

    private List<Generation> read() {
        return jdbc.query("""
                SELECT generation, schema_name, status FROM projection_generation
                WHERE status IN ('ACTIVE', 'BUILDING') ORDER BY generation""",
                (rs, row) -> new Generation(rs.getInt("generation"), rs.getString("schema_name"),
                        Generation.Status.valueOf(rs.getString("status"))));
    }

    private void createActive() {
        Integer last = jdbc.queryForObject("SELECT max(generation) FROM projection_generation", Integer.class);
        int number = last == null ? 1 : last + 1;
        String schema = ProjectionSchema.of(number);
        migrate(schema);
        jdbc.update("""
                INSERT INTO projection_generation (generation, schema_name, status, activated_at)
                VALUES (?, ?, 'ACTIVE', now())""", number, schema);
        log.info("Created projection generation {} in schema {} as ACTIVE", number, schema);
    }
}
