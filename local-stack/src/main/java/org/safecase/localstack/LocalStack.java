package org.safecase.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one-command local stack: a durable PostgreSQL 16 and a KRaft Kafka broker inside this JVM, and
 * the command and query services as child processes wired to them, on a machine with only a JDK.
 * Ctrl-C stops the services, then Kafka, then PostgreSQL; the data stays in the data directory.
 */
public final class LocalStack {

    /**
     * The launcher's logging configuration. Not named {@code logback.xml}: this module's jar is on the
     * services' test classpath, where a root {@code logback.xml} would take over their logging.
     */
    static final String LOGBACK_CONFIG = "org/safecase/localstack/local-stack-logback.xml";

    private final Logger log;

    static final String COMMAND_DATABASE = "safecase_events";
    static final String QUERY_DATABASE = "safecase_query";
    private static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final Settings settings;
    private final PrintStream out = System.out;
    private final CountDownLatch shutdownStarted = new CountDownLatch(1);
    private final List<Service> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private boolean stopped;

    private LocalStack(Settings settings) {
        this.settings = settings;
        this.log = LoggerFactory.getLogger(LocalStack.class);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);   // before the first logger exists
        }
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
            settings.checkPrerequisites();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("safecase local stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::onShutdownSignal, "local-stack-shutdown"));
        int status = stack.run();
        if (status != 0) {
            stack.stopAll();
            System.exit(status);
        }
    }

    /** Starts everything and blocks while it runs; a non-zero result means it could not start or a service died. */
    private int run() {
        try {
            startInfrastructure();
            startServices();
            Service failed = awaitHealthy();
            if (failed != null) {
                return 1;
            }
            printSummary();
            return blockUntilShutdownOrServiceExit();
        } catch (RuntimeException e) {
            if (shutdownStarted.getCount() == 0) {
                return 0;
            }
            log.error("Local stack failed to start: {}", e.getMessage(), e);
            return 1;
        }
    }

    private void startInfrastructure() {
        Instant began = Instant.now();
        log.info("Starting PostgreSQL 16 on port {} (data in {})", settings.postgresPort, settings.postgresDir());
        step(() -> {
            postgres = LocalPostgres.durable(settings.postgresPort, settings.postgresDir(), settings.postgresLog());
            postgres.createDatabase(COMMAND_DATABASE, LocalPostgres.OWNER);
            postgres.createDatabase(QUERY_DATABASE, LocalPostgres.QUERY);
            postgres.createDatabase(ServiceLauncher.PRIVACY_DATABASE, LocalPostgres.OWNER);
        });
        log.info("PostgreSQL ready in {} ms", Duration.between(began, Instant.now()).toMillis());

        began = Instant.now();
        log.info("Starting Kafka (KRaft) on port {}, controller {} (log in {})",
                settings.kafkaPort, settings.kafkaControllerPort, settings.kafkaDir());
        step(() -> {
            kafka = LocalKafka.onPorts(settings.kafkaPort, settings.kafkaControllerPort, settings.kafkaDir());
            kafka.start();
        });
        log.info("Kafka ready in {} ms", Duration.between(began, Instant.now()).toMillis());
    }

    private void startServices() {
        step(() -> services.add(launch("command-service", settings.commandJar, settings.commandPort,
                COMMAND_DATABASE, LocalPostgres.COMMAND, LocalPostgres.OWNER, settings.logsDir().resolve("command-service.log"))));
        step(() -> services.add(launch("query-service", settings.queryJar, settings.queryPort,
                QUERY_DATABASE, LocalPostgres.QUERY, null, settings.logsDir().resolve("query-service.log"))));
        step(() -> services.add(launchWeb(settings.logsDir().resolve("web.log"))));
    }

    private Service launchWeb(Path logFile) {
        rotate(logFile);
        Process process = ServiceLauncher.launch(settings.javaBinary, settings.webJar,
                ServiceLauncher.webEnvironment(settings.webPort, settings.commandPort, settings.queryPort), logFile);
        log.info("Started web (pid {}) on port {}, log {}", process.pid(), settings.webPort, logFile);
        return new Service("web", settings.webPort, logFile, process);
    }

    /**
     * Runs one start-up step under the lock that {@link #stopAll()} takes, so that a Ctrl-C during
     * start-up waits for the step in progress, stops what it started, and no later step begins.
     */
    private synchronized void step(Runnable startStep) {
        if (stopped) {
            throw new IllegalStateException("shutdown requested");
        }
        startStep.run();
    }

    private Service launch(String name, Path jar, int port, String database, String login, String migrationsOwner,
                           Path logFile) {
        rotate(logFile);
        Process process = ServiceLauncher.launch(settings.javaBinary, jar, ServiceLauncher.environment(port, postgres,
                database, login, migrationsOwner, kafka, keyEncryptionKey(), signingKeyPair()), logFile);
        log.info("Started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
        return new Service(name, port, logFile, process);
    }

    /** A new Ed25519 key pair for signing checkpoints, as PEM: {private (PKCS#8), public (SubjectPublicKeyInfo)}. */
    public static String[] newSigningKeyPair() {
        try {
            java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            java.util.Base64.Encoder pem = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            return new String[]{
                    "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
                    "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n"};
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * The local stack's checkpoint-signing key pair, made on the first run beside the data (the private key
     * readable by the owner only). Production takes it from a secret store.
     */
    private String[] signingKeyPair() {
        Path privateKey = settings.dataDir.resolve("checkpoint-signing-key.pem");
        Path publicKey = settings.dataDir.resolve("checkpoint-signing-key.pub.pem");
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                Files.createDirectories(settings.dataDir);
                String[] pair = newSigningKeyPair();
                Files.writeString(privateKey, pair[0]);
                ownerOnly(privateKey);
                Files.writeString(publicKey, pair[1]);
            }
            return new String[]{Files.readString(privateKey), Files.readString(publicKey)};
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the checkpoint-signing key " + privateKey, e);
        }
    }

    private void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Could not restrict the permissions of {}", file);
        }
    }

    /** 32 random bytes in Base64: a new key-encryption key. */
    public static String newKeyEncryptionKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /**
     * The local stack's key-encryption key, made on the first run and kept beside the data it protects
     * (readable by the owner only): losing it makes every personal field unreadable. Production takes it
     * from a secret store instead.
     */
    private String keyEncryptionKey() {
        Path file = settings.dataDir.resolve("key-encryption-key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(settings.dataDir);
                Files.writeString(file, newKeyEncryptionKey());
                ownerOnly(file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the key-encryption key " + file, e);
        }
    }

    /** Polls each service's health endpoint; returns the first service that died or timed out, or null. */
    private Service awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(settings.startupTimeout);
        List<Service> pending = new ArrayList<>(services);
        log.info("Waiting for the services to report healthy (up to {} s)", settings.startupTimeout.toSeconds());
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Service service = it.next();
                if (!service.process.isAlive()) {
                    reportFailure(service, service.name + " exited with code " + service.process.exitValue()
                            + " before it became healthy");
                    return service;
                }
                service.lastStatus = probe(http, service);
                if (service.lastStatus == 200) {
                    log.info("{} is healthy on port {}", service.name, service.port);
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                Service late = pending.get(0);
                reportFailure(late, late.name + " did not report healthy within " + settings.startupTimeout.toSeconds()
                        + " s (last answer: " + (late.lastStatus < 0 ? "no connection" : "HTTP " + late.lastStatus) + ")");
                return late;
            }
            try {
                // waits for an exit of a pending service, at most one poll interval
                CompletableFuture.anyOf(pending.stream().map(s -> s.process.onExit()).toArray(CompletableFuture[]::new))
                        .get(500, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException pollAgain) {
                // next poll
            } catch (Exception interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the services");
            }
            if (shutdownStarted.getCount() == 0) {
                throw new IllegalStateException("shutdown requested");
            }
        }
        return null;
    }

    private static int probe(HttpClient http, Service service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ServiceLauncher.LOOPBACK + ":" + service.port
                        + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int blockUntilShutdownOrServiceExit() {
        CompletableFuture<?> anyExit = CompletableFuture.anyOf(
                services.stream().map(s -> s.process.onExit()).toArray(CompletableFuture[]::new));
        try {
            anyExit.join();
            // Ctrl-C reaches the children too; give our own shutdown hook the chance to claim the exit
            if (shutdownStarted.await(3, TimeUnit.SECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        for (Service service : services) {
            if (!service.process.isAlive()) {
                reportFailure(service, service.name + " exited unexpectedly with code " + service.process.exitValue());
                return 1;
            }
        }
        return 1;
    }

    private void reportFailure(Service service, String message) {
        PrintStream err = System.err;
        err.println();
        err.println("!! " + message);
        err.println("!! last " + LOG_TAIL_LINES + " lines of " + service.logFile + ":");
        for (String line : tail(service.logFile, LOG_TAIL_LINES)) {
            err.println("   | " + line);
        }
        err.println("!! stopping the local stack");
        err.println();
    }

    private void onShutdownSignal() {
        shutdownStarted.countDown();
        stopAll();
    }

    /** Services first, then Kafka, then PostgreSQL; safe to call more than once. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        shutdownStarted.countDown();
        for (Service service : services) {
            if (service.process.isAlive()) {
                log.info("Stopping {} (pid {})", service.name, service.process.pid());
                service.process.destroy();
            }
        }
        for (Service service : services) {
            try {
                if (!service.process.waitFor(CHILD_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("{} did not stop within {} s: killing it", service.name, CHILD_STOP_TIMEOUT.toSeconds());
                    service.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                service.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            log.info("Stopping Kafka");
            try {
                kafka.stop();
            } catch (RuntimeException e) {
                log.warn("Kafka did not stop cleanly: {}", e.toString());
            }
        }
        if (postgres != null) {
            log.info("Stopping PostgreSQL");
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.toString());
            }
        }
        log.info("Local stack stopped; data kept in {}", settings.dataDir);
    }

    private void printSummary() {
        String commandUrl = "http://localhost:" + settings.commandPort;
        String queryUrl = "http://localhost:" + settings.queryPort;
        String rule = "=".repeat(78);
        out.println();
        out.println(rule);
        out.println(" Safecase local stack is up (security mode: demo)");
        out.println(rule);
        out.println(" In the browser   http://localhost:" + settings.webPort + "   (sign in as a demo user below)");
        out.println(" Command service  " + commandUrl);
        out.println("   OpenAPI        " + commandUrl + "/v3/api-docs");
        out.println("   Swagger UI     " + commandUrl + "/swagger-ui.html");
        out.println(" Query service    " + queryUrl);
        out.println(" PostgreSQL 16    " + postgres.jdbcUrl(COMMAND_DATABASE) + "   (command service)");
        out.println("                  " + postgres.jdbcUrl(QUERY_DATABASE) + "    (query service)");
        out.println("                  " + postgres.jdbcUrl(ServiceLauncher.PRIVACY_DATABASE)
                + "  (both: data keys, subject index, read log)");
        out.println("                  services log in as " + LocalPostgres.COMMAND + " / " + LocalPostgres.QUERY
                + " (tables owned by " + LocalPostgres.OWNER + "); superuser " + postgres.username()
                + "; no passwords (local trust auth, loopback only)");
        out.println(" Kafka (KRaft)    bootstrap " + kafka.bootstrapServers());
        out.println(" Data directory   " + settings.dataDir + "  (with the key-encryption key: keep it with the data)");
        out.println(" Logs             " + settings.logsDir().resolve("command-service.log"));
        out.println("                  " + settings.logsDir().resolve("query-service.log"));
        out.println("                  " + settings.logsDir().resolve("web.log"));
        out.println("                  " + settings.postgresLog());
        out.println();
        out.println(" Demo users (password for all: demo; every service listens on loopback only)");
        out.println("   user              role           scope");
        for (String[] user : DEMO_USERS) {
            out.printf("   %-17s %-14s %s%n", user[0], user[1], user[2]);
        }
        out.println();
        out.println(" Try:  curl -u dsl.a:demo " + commandUrl + "/api/v1/categories");
        out.println();
        out.println(" Ctrl-C stops everything; the data stays in the data directory.");
        out.println(rule);
        out.println();
        out.flush();
    }

    static final String[][] DEMO_USERS = {
            {"staff.a", "STAFF", "SCH-A"},
            {"dsl.a", "DSL", "SCH-A"},
            {"head.a", "HEAD_TEACHER", "SCH-A"},
            {"integration.a", "INTEGRATION", "SCH-A"},
            {"governor.a", "GOVERNOR", "SCH-A"},
            {"chair.a", "CHAIR_OF_GOVERNORS", "SCH-A"},
            {"dsl.b", "DSL", "SCH-B"},
            {"auditor", "AUDITOR", "TRUST-1"},
            {"governor.trust", "GOVERNOR", "TRUST-1"},
            {"operator", "OPERATOR", "TRUST-1"},
            {"dpo.trust", "DPO", "TRUST-1"},
    };

    /** Keeps the previous run's log as {@code <name>.1}, so that this run's log starts empty. */
    private static void rotate(Path logFile) {
        try {
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not rotate " + logFile, e);
        }
    }

    static List<String> tail(Path file, int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        if (!Files.exists(file)) {
            return List.of("(no log written)");
        }
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of("(could not read the log: " + e.getMessage() + ")");
        }
        return new ArrayList<>(last);
    }

    private static final class Service {
        final String name;
        final int port;
        final Path logFile;
        final Process process;
        volatile int lastStatus = -1;

        Service(String name, int port, Path logFile, Process process) {
            this.name = name;
            this.port = port;
            this.logFile = logFile;
            this.process = process;
        }
    }

    /** Everything the environment can override, checked before anything starts. */
    static final class Settings {
        final Path dataDir;
        final int postgresPort;
        final int kafkaPort;
        final int kafkaControllerPort;
        final int commandPort;
        final int queryPort;
        final int webPort;
        final Path commandJar;
        final Path queryJar;
        final Path webJar;
        final String javaBinary;
        final Duration startupTimeout;

        private Settings(Map<String, String> env) {
            dataDir = Path.of(env.getOrDefault("SAFECASE_DATA_DIR", ".safecase-local")).toAbsolutePath().normalize();
            postgresPort = port(env, "SAFECASE_POSTGRES_PORT", 15432);
            kafkaPort = port(env, "SAFECASE_KAFKA_PORT", 9092);
            kafkaControllerPort = port(env, "SAFECASE_KAFKA_CONTROLLER_PORT", 9093);
            commandPort = port(env, "SAFECASE_COMMAND_PORT", 8081);
            queryPort = port(env, "SAFECASE_QUERY_PORT", 8082);
            webPort = port(env, "SAFECASE_WEB_PORT", 8080);
            commandJar = Path.of(env.getOrDefault("SAFECASE_COMMAND_JAR", "command-service/target/command-service.jar"))
                    .toAbsolutePath().normalize();
            queryJar = Path.of(env.getOrDefault("SAFECASE_QUERY_JAR", "query-service/target/query-service.jar"))
                    .toAbsolutePath().normalize();
            webJar = Path.of(env.getOrDefault("SAFECASE_WEB_JAR", "web/target/web.jar")).toAbsolutePath().normalize();
            javaBinary = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            startupTimeout = Duration.ofSeconds(positive(env, "SAFECASE_STARTUP_TIMEOUT_SECONDS", 120));
        }

        static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(env);
        }

        Path postgresDir() {
            return dataDir.resolve("postgres");
        }

        Path kafkaDir() {
            return dataDir.resolve("kafka");
        }

        Path logsDir() {
            return dataDir.resolve("logs");
        }

        Path postgresLog() {
            return logsDir().resolve("postgres.log");
        }

        /** Fails fast, before anything is started, on a missing jar, a taken port or an unwritable data directory. */
        void checkPrerequisites() {
            for (Path jar : List.of(commandJar, queryJar, webJar)) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("service jar not found: " + jar
                            + "\n  build it first (./mvnw -B -q -DskipTests package, or ./run-local.sh)"
                            + "\n  or point SAFECASE_COMMAND_JAR / SAFECASE_QUERY_JAR / SAFECASE_WEB_JAR at it");
                }
            }
            Map<String, Integer> ports = new java.util.LinkedHashMap<>();
            ports.put("SAFECASE_POSTGRES_PORT", postgresPort);
            ports.put("SAFECASE_KAFKA_PORT", kafkaPort);
            ports.put("SAFECASE_KAFKA_CONTROLLER_PORT", kafkaControllerPort);
            ports.put("SAFECASE_COMMAND_PORT", commandPort);
            ports.put("SAFECASE_QUERY_PORT", queryPort);
            ports.put("SAFECASE_WEB_PORT", webPort);
            if (ports.values().stream().distinct().count() != ports.size()) {
                throw new IllegalArgumentException("the ports must all differ: " + ports);
            }
            ports.forEach((variable, port) -> {
                if (!isFree(port)) {
                    throw new IllegalStateException("port " + port + " is already in use (another local stack still running?"
                            + " check with: ss -ltnp | grep :" + port + ")\n  choose another with " + variable + "=<port>");
                }
            });
            try {
                Files.createDirectories(postgresDir());
                Files.createDirectories(kafkaDir());
                Files.createDirectories(logsDir());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the data directory " + dataDir + ": " + e.getMessage());
            }
        }

        private static boolean isFree(int port) {
            for (InetAddress address : List.of(InetAddress.getLoopbackAddress())) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(address, port));
                } catch (IOException e) {
                    return false;
                }
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static int port(Map<String, String> env, String variable, int defaultPort) {
            int port = positive(env, variable, defaultPort);
            if (port > 65535) {
                throw new IllegalArgumentException(variable + " is not a port: " + port);
            }
            return port;
        }

        private static int positive(Map<String, String> env, String variable, int defaultValue) {
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed <= 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a positive number, got '" + value + "'");
            }
        }
    }
}
