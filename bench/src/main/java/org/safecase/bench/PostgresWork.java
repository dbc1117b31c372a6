package org.safecase.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL does for the services over a window, from its cumulative statistics: transactions committed
 * per database, and rows written and index and sequential scans per table of the event store, the privacy database
 * and the read models. Divided by the window's commands (or events), it says which statements one costs. PostgreSQL
 * flushes a backend's counters at most once a second, so a window of several seconds is needed.
 */
final class PostgresWork {

    private static final List<String> DATABASES = List.of("safecase_events", "safecase_privacy", "safecase_query");

    private final Config config;

    PostgresWork(Config config) {
        this.config = config;
    }

    record Snapshot(Map<String, Long> commits, Map<String, long[]> tables) {
    }

    Snapshot take() {
        Map<String, Long> commits = new TreeMap<>();
        Map<String, long[]> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl, config.jdbcUser, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT datname, xact_commit FROM pg_stat_database WHERE datname LIKE 'safecase%'")) {
            while (rows.next()) {
                commits.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
        for (String database : DATABASES) {
            String url = config.jdbcUrl.replace("/safecase_events", "/" + database);
            try (Connection connection = DriverManager.getConnection(url, config.jdbcUser, "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del, "
                         + "coalesce(idx_scan, 0), seq_scan FROM pg_stat_user_tables")) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    tables.put(database + "." + ("public".equals(schema) ? "" : schema + ".") + rows.getString(2),
                            new long[] {rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)});
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_user_tables of " + database + ": " + e.getMessage(), e);
            }
        }
        return new Snapshot(commits, tables);
    }

    /**
     * Per unit (a command, an event): commits per database, then each table's inserts, updates, deletes, index and
     * sequential scans, where not zero.
     */
    static String describe(Snapshot before, Snapshot after, long units) {
        if (units <= 0) {
            return "nothing done";
        }
        List<String> parts = new ArrayList<>();
        after.commits().forEach((database, count) -> parts.add(database + " " + perUnit(
                count - before.commits().getOrDefault(database, 0L), units) + " commits"));
        String[] names = {"ins", "upd", "del", "idx", "seq"};
        Map<String, String> tables = new LinkedHashMap<>();
        after.tables().forEach((table, counts) -> {
            long[] was = before.tables().getOrDefault(table, new long[counts.length]);
            List<String> figures = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                long delta = counts[i] - was[i];
                if (delta * 100 >= units) {
                    figures.add(names[i] + " " + perUnit(delta, units));
                }
            }
            if (!figures.isEmpty()) {
                tables.put(table, String.join(", ", figures));
            }
        });
        tables.forEach((table, figures) -> parts.add("`" + table + "` " + figures));
        return String.join("; ", parts);
    }

    private static String perUnit(long count, long units) {
        return String.format("%.2f", (double) count / units);
    }
}
