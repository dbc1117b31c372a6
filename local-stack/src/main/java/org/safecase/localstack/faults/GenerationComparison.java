package org.safecase.localstack.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two projection generations (schemas of the query database) compared table by table, every column but the
 * application times, with {@code EXCEPT ALL}: how the fault suite compares the generation built live through the
 * faults with a rebuild from the topic, and how {@code ProjectionRebuildTest} compares a rebuild with the live one.
 */
public final class GenerationComparison {

    private final Connection query;

    public GenerationComparison(Connection query) {
        this.query = query;
    }

    /** The generation's read-model tables: all but Flyway's history and the dead letters (checked on their own). */
    public List<String> tables(String schema) throws SQLException {
        return strings("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'
                AND table_name NOT IN ('flyway_schema_history', 'dead_lettered_event') ORDER BY table_name""", schema, null);
    }

    /** Rows of {@code from}'s table missing from {@code to}'s. */
    public long differences(String from, String to, String table) throws SQLException {
        try (Statement statement = query.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM (%s) d".formatted(except(from, to, table)))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Up to five of the rows {@link #differences} counts, as text: for the report of a failure. */
    public List<String> differingRows(String from, String to, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = query.createStatement();
             ResultSet result = statement.executeQuery("SELECT d::text FROM (%s) d LIMIT 5".formatted(except(from, to, table)))) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private String except(String from, String to, String table) throws SQLException {
        String columns = String.join(", ", strings("""
                SELECT quote_ident(column_name) FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? AND coalesce(column_default, '') NOT LIKE 'now()%'
                ORDER BY ordinal_position""", from, table));
        return "SELECT %s FROM %s.%s EXCEPT ALL SELECT %s FROM %s.%s".formatted(columns, from, table, columns, to, table);
    }

    private List<String> strings(String sql, String first, String second) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = query.prepareStatement(sql)) {
            statement.setString(1, first);
            if (second != null) {
                statement.setString(2, second);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
