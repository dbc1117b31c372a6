package org.safecase.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 16 server started from Maven Central binaries (zonky), no Docker needed.
 * Durable mode turns fsync and synchronous_commit back on: zonky starts with both off, and the event
 * store is the record. It listens on loopback only: its superuser has no password (trust auth).
 */
public final class LocalPostgres implements AutoCloseable {

    /** IPv4 and IPv6 loopback; zonky itself connects to {@code localhost}, which is either. */
    private static final String LOOPBACK = "127.0.0.1,::1";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A durable server on a fixed port whose data survives restarts in {@code dataDirectory}. Its own
     * output goes to {@code serverLog}, and it registers no shutdown hook of its own: the caller closes
     * it, so that it stops after the services that still use it (the local stack's shutdown order).
     */
    public static LocalPostgres durable(int port, Path dataDirectory, Path serverLog) {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", LOOPBACK)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    /** A throwaway server on a free port, with zonky's fast non-durable defaults: for tests only. */
    public static LocalPostgres ephemeral() {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder().setServerConfig("listen_addresses", LOOPBACK).start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    /** The owner of the event store's and the privacy database's tables: their migrations run as it. */
    public static final String OWNER = "safecase_owner";
    /** The command service's login: reads and appends to the event store, owns nothing. */
    public static final String COMMAND = "safecase_command";
    /** The query service's login: owns its projections, cannot reach the event store. */
    public static final String QUERY = "safecase_query";

    /** Creates a database unless it exists: each service owns its own database. */
    public void createDatabase(String name) {
        createDatabase(name, null);
    }

    /**
     * Creates a database unless it exists, owned by the given role (made if missing, a login that is not a
     * superuser; local trust authentication, so no password), or by the server's superuser if null.
     */
    public void createDatabase(String name, String owner) {
        if (!name.matches("[a-z_][a-z0-9_]*") || (owner != null && !owner.matches("[a-z_][a-z0-9_]*"))) {
            throw new IllegalArgumentException("not a plain database or role name: " + name + ", " + owner);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String role : new String[]{OWNER, COMMAND, QUERY}) {
                statement.execute("""
                        DO $$ BEGIN
                            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                                CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                            END IF;
                        END $$""".formatted(role));
            }
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
