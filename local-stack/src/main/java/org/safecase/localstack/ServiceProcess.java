package org.safecase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the fault suite that can be killed with SIGKILL and started again with the same command
 * line, environment and log: a service instance (from its jar or a class path), or the standalone Kafka broker.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    private ServiceProcess(String name, List<String> command, Map<String, String> environment, Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
    }

    /** A Spring Boot service from its executable jar, with the local stack's JVM options, on {@code port}. */
    public static ServiceProcess ofJar(String name, Path jar, Map<String, String> environment, Path log, int port) {
        List<String> command = new ArrayList<>(jvm(log));
        command.addAll(List.of("-jar", jar.toString()));
        return new ServiceProcess(name, command, environment, log, port);
    }

    /** A service from a class path and its main class (the tests' way to run the code under test). */
    public static ServiceProcess ofClassPath(String name, String classPath, String mainClass, Map<String, String> environment,
                                             Path log, int port) {
        List<String> command = new ArrayList<>(jvm(log));
        command.addAll(List.of("-cp", classPath, mainClass));
        return new ServiceProcess(name, command, environment, log, port);
    }

    /** Any other command line (the standalone broker); {@code port} is what it listens on, health is not asked. */
    public static ServiceProcess ofCommand(String name, List<String> command, Path log, int port) {
        return new ServiceProcess(name, command, Map.of(), log, port);
    }

    private static List<String> jvm(Path log) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(ServiceLauncher.jvmOptions(log));
        return command;
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the process (its output appended to the log); {@link #awaitHealthy} waits for it to serve. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            return this;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** Waits until {@code /actuator/health/liveness} answers 200; fails if the process exits or the time runs out. */
    public ServiceProcess awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log.toAbsolutePath());
            }
            if (status("/actuator/health/liveness") == 200) {
                return this;
            }
            try {
                current.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; see "
                + log.toAbsolutePath());
    }

    /** The HTTP status of a GET on this instance, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or said goodbye to. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
