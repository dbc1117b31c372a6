package org.safecase.localstack.faults;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.safecase.localstack.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's durable PostgreSQL, run so that the fault suite can kill -9 its postmaster and start it
 * again on the same data directory (crash recovery from the WAL). The data directory and the databases are made
 * by {@link LocalPostgres#durable} (zonky); that server is then stopped, and started again here with zonky's
 * {@code pg_ctl} and the same options (in a user namespace of its own when run as root, as zonky does).
 */
final class PostgresProcess implements AutoCloseable {

    private final LocalPostgres made;
    private final Path pgCtl;
    private final Path dataDirectory;
    private final String options;
    private final Map<String, String> environment;
    private final Path log;

    private PostgresProcess(LocalPostgres made, Path pgCtl, Path dataDirectory, String options,
                            Map<String, String> environment, Path log) {
        this.made = made;
        this.pgCtl = pgCtl;
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.environment = environment;
        this.log = log;
    }

    /** Makes the server and its databases with zonky, takes over its postmaster's options, and starts it. */
    static PostgresProcess create(int port, Path dataDirectory, Path log, List<String[]> databases) {
        LocalPostgres zonky = LocalPostgres.durable(port, dataDirectory, log);
        for (String[] database : databases) {
            zonky.createDatabase(database[0], database[1]);
        }
        List<String> command;
        Map<String, String> environment = new HashMap<>();
        try {
            long pid = postmasterPid(dataDirectory);
            command = nulSeparated(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")));
            for (String variable : nulSeparated(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")))) {
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    environment.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            zonky.close();
            throw new UncheckedIOException("could not read the postmaster's command line (Linux /proc needed)", e);
        }
        zonky.close();
        // postgres -D <dir> <options...>: pg_ctl is beside it, the options are passed through -o
        Path pgCtl = Path.of(command.get(0)).resolveSibling("pg_ctl");
        int data = command.indexOf("-D");
        List<String> rest = new ArrayList<>(command.subList(1, command.size()));
        if (data > 0) {
            rest.remove(data);
            rest.remove(data - 1);
        }
        return new PostgresProcess(zonky, pgCtl, dataDirectory, String.join(" ", rest), environment, log)
                .start(Duration.ofSeconds(60));
    }

    private static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")));
        parts.removeIf(String::isEmpty);
        return parts;
    }

    LocalPostgres server() {
        return made;
    }

    String jdbcUrl(String database) {
        return made.jdbcUrl(database);
    }

    /** The postmaster's process id, or -1 if it is not running. */
    synchronized long pid() {
        try {
            long pid = postmasterPid(dataDirectory);
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -1;
        } catch (IOException | RuntimeException noPidFile) {
            return -1;
        }
    }

    /**
     * Starts the server with {@code pg_ctl start} and waits until it accepts connections on our data directory.
     * After a kill -9 the old backends may hold the shared memory for a moment and the start fails: it is tried
     * again until it succeeds or the time runs out.
     */
    synchronized PostgresProcess start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int status = pgCtl(List.of("-D", dataDirectory.toString(), "-o", options, "-w", "-t", "60", "start"));
            if (status == 0 && accepts()) {
                return this;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("PostgreSQL did not start within " + timeout.toSeconds() + " s; see " + log);
            }
            pause(200);
        }
    }

    private int pgCtl(List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: as root, PostgreSQL runs in a user namespace of its own, where it is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + pgCtl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True once the server on our port answers and is the one on our data directory (not another stack's). */
    private boolean accepts() {
        try (Connection connection = DriverManager.getConnection(made.jdbcUrl("postgres"), made.username(), "");
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SHOW data_directory")) {
            rows.next();
            if (!Path.of(rows.getString(1)).toRealPath().equals(dataDirectory.toRealPath())) {
                throw new IllegalStateException("port " + made.port() + " is another PostgreSQL's (" + rows.getString(1) + ")");
            }
            return true;
        } catch (SQLException | IOException notYet) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of the postmaster: no checkpoint, no clean shutdown; its backends notice and exit. */
    synchronized void kill() {
        long pid = pid();
        if (pid < 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            postmaster.destroyForcibly();
            try {
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                throw new IllegalStateException("the postmaster " + pid + " did not die", notYet);
            }
        });
    }

    /** {@code pg_ctl stop -m fast}, then kill -9 if it did not stop. */
    @Override
    public synchronized void close() {
        if (pid() < 0) {
            return;
        }
        if (pgCtl(List.of("-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "30", "stop")) != 0) {
            kill();
        }
    }
}
