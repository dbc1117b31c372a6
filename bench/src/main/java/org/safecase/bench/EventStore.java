package org.safecase.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the command service's event store directly: rows of {@code domain_event_entry}. */
final class EventStore implements AutoCloseable {

    private final Connection connection;

    EventStore(Config config) throws SQLException {
        this.connection = DriverManager.getConnection(config.jdbcUrl, config.jdbcUser, "");
    }

    long rows() {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count domain_event_entry: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
