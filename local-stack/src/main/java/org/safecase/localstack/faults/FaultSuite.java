package org.safecase.localstack.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.LocalStack;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.ServiceProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite ({@code ./bench.sh faults}): two command-service and two query-service instances on one
 * PostgreSQL and one Kafka broker, each in a process of its own; open-loop commands at a fixed rate through
 * both command instances while, in turn, a command-service instance (the one forwarding to Kafka), a
 * query-service instance, the broker and PostgreSQL are killed with SIGKILL and started again. Then it
 * reconciles what the clients were told with the real stores ({@link Reconciliation}) and writes the figures
 * and the recovery time of each fault, as Markdown, to the report file. Exit status 0 only if nothing was lost
 * or applied twice.
 */
public final class FaultSuite {

    static final String COMMAND_DATABASE = "safecase_events";
    static final String QUERY_DATABASE = "safecase_query";
    static final String TOPIC = "safecase.incident-events";
    private static final Duration POLL = Duration.ofMillis(200);

    private final Settings settings;
    private final List<ServiceProcess> commands = new ArrayList<>();
    private final List<ServiceProcess> queries = new ArrayList<>();
    private ServiceProcess kafka;
    private PostgresProcess postgres;
    private FaultLoad load;
    private double loadSeconds;

    private FaultSuite(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/safecase/localstack/local-stack-logback.xml");
        }
        FaultSuite suite = new FaultSuite(Settings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "fault-suite-shutdown"));
        int status;
        try {
            status = suite.run();
        } catch (Exception e) {
            System.err.println("fault suite failed: " + e);
            e.printStackTrace();
            suite.appendReport("\n**The fault suite did not complete**: " + e.toString().replaceAll("\\s+", " ") + "\n");
            status = 2;
        }
        suite.stopAll();
        System.exit(status);
    }

    /** One kill -9 and restart, and what it cost. */
    record Fault(String component, long pid, long killedAt, long restartedAt, long healthyAt, long caughtUpAt) {
    }

    private int run() throws Exception {
        startStack();
        CommandLedger ledger = new CommandLedger();
        load = new FaultLoad(settings.commandPorts, settings.rate, settings.clients, settings.notesPerIncident,
                settings.giveUpAfter, ledger);
        log("load: %.0f commands/s for %d s through %d clients; faults every %d s", settings.rate,
                settings.duration.toSeconds(), settings.clients, settings.duration.toSeconds() / 5);
        long began = System.nanoTime();
        load.start();
        List<Fault> faults = new ArrayList<>();
        String[] order = {"command-service", "query-service", "kafka", "postgresql"};
        long spacing = settings.duration.toNanos() / (order.length + 1);
        long previousDone = began;
        for (String component : order) {
            // at its time, or a spacing after the previous component was back and the projections caught up
            sleepUntil(previousDone + spacing);
            faults.add(inject(component, ledger));
            previousDone = System.nanoTime();
        }
        sleepUntil(Math.max(began + settings.duration.toNanos(), previousDone + spacing));
        log("load: stopping after %d commands issued; waiting for the due ones to end", load.issued());
        loadSeconds = (System.nanoTime() - began) / 1e9;
        load.stopAndDrain(settings.giveUpAfter.plusSeconds(30));
        long drained = System.nanoTime();
        boolean caughtUp = Reconciliation.await(() -> Reconciliation.caughtUp(postgres.jdbcUrl(QUERY_DATABASE),
                "postgres", ledger.heads()), settings.catchUpTimeout, POLL);
        log("projections %s %.1f s after the load ended", caughtUp ? "caught up" : "NOT caught up",
                (System.nanoTime() - drained) / 1e9);
        log("reconciling: the event store, the topic, the read models, then a rebuild from the topic");
        HttpRebuild rebuild = new HttpRebuild(queries.get(0).port(), settings.catchUpTimeout);
        Reconciliation.Result result = new Reconciliation(new Reconciliation.Stores(postgres.jdbcUrl(COMMAND_DATABASE),
                postgres.jdbcUrl(QUERY_DATABASE), "postgres", bootstrap(), TOPIC)).reconcile(ledger, rebuild);
        appendReport(report(ledger, faults, result, rebuild, caughtUp));
        log("reconciliation %s: acknowledged %d, lost %d, duplicates applied %d", result.passed() ? "PASSED" : "FAILED",
                result.acknowledged(), result.lost(), result.storeDuplicates() + result.appliedTwice());
        result.failures().stream().limit(20).forEach(failure -> log("  %s", failure));
        return result.passed() ? 0 : 1;
    }

    // --- the stack -------------------------------------------------------------------------------------------

    private void startStack() throws Exception {
        Path data = settings.work.resolve("data");
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        List<Integer> ports = new ArrayList<>(List.of(settings.postgresPort, settings.kafkaPort, settings.kafkaControllerPort));
        ports.addAll(settings.commandPorts);
        ports.addAll(settings.queryPorts);
        for (int port : ports) {
            requireFree(port);
        }
        log("PostgreSQL on %d (data in %s)", settings.postgresPort, data.resolve("postgres"));
        postgres = PostgresProcess.create(settings.postgresPort, data.resolve("postgres"), logs.resolve("postgres.log"),
                List.of(new String[]{COMMAND_DATABASE, LocalPostgres.OWNER}, new String[]{QUERY_DATABASE, LocalPostgres.QUERY},
                        new String[]{ServiceLauncher.PRIVACY_DATABASE, LocalPostgres.OWNER}));
        log("Kafka on %d/%d in its own JVM", settings.kafkaPort, settings.kafkaControllerPort);
        kafka = ServiceProcess.ofCommand("kafka", List.of(ServiceProcess.javaBinary(), "-Xmx512m",
                "-cp", settings.localStackJar.toString(),
                "-Dloader.main=" + StandaloneKafka.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                Integer.toString(settings.kafkaPort), Integer.toString(settings.kafkaControllerPort),
                data.resolve("kafka").toString()), logs.resolve("kafka.log"), settings.kafkaPort);
        kafka.start();
        awaitKafka(settings.startupTimeout);
        LocalKafka broker = LocalKafka.onPorts(settings.kafkaPort, settings.kafkaControllerPort, data.resolve("kafka"));
        String keyEncryptionKey = LocalStack.newKeyEncryptionKey();
        String[] signing = LocalStack.newSigningKeyPair();
        for (int i = 0; i < settings.commandPorts.size(); i++) {
            int port = settings.commandPorts.get(i);
            commands.add(ServiceProcess.ofJar("command-service-" + (i + 1), settings.commandJar,
                    ServiceLauncher.environment(port, postgres.server(), COMMAND_DATABASE, LocalPostgres.COMMAND,
                            LocalPostgres.OWNER, broker, keyEncryptionKey, signing),
                    logs.resolve("command-service-" + (i + 1) + ".log"), port));
        }
        for (int i = 0; i < settings.queryPorts.size(); i++) {
            int port = settings.queryPorts.get(i);
            queries.add(ServiceProcess.ofJar("query-service-" + (i + 1), settings.queryJar,
                    ServiceLauncher.environment(port, postgres.server(), QUERY_DATABASE, LocalPostgres.QUERY, null, broker,
                            keyEncryptionKey, signing),
                    logs.resolve("query-service-" + (i + 1) + ".log"), port));
        }
        // the first of each kind alone (it migrates its database), then the second ones together
        commands.get(0).start();
        queries.get(0).start();
        commands.get(0).awaitHealthy(settings.startupTimeout);
        queries.get(0).awaitHealthy(settings.startupTimeout);
        for (int i = 1; i < commands.size(); i++) {
            commands.get(i).start();
        }
        for (int i = 1; i < queries.size(); i++) {
            queries.get(i).start();
        }
        for (ServiceProcess service : commands) {
            service.awaitHealthy(settings.startupTimeout);
        }
        for (ServiceProcess service : queries) {
            service.awaitHealthy(settings.startupTimeout);
        }
        for (ServiceProcess service : commands) {
            log("%s pid %d on %d", service.name(), service.pid(), service.port());
        }
        for (ServiceProcess service : queries) {
            log("%s pid %d on %d", service.name(), service.pid(), service.port());
        }
        log("Kafka pid %d, PostgreSQL pid %d", kafka.pid(), postgres.pid());
    }

    /** Another stack on one of our ports would answer our checks and take our load: refuse to start instead. */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " is in use (ss -ltnp | grep :" + port
                    + "): choose others with the BENCH_FAULTS_*_PORT(S) variables");
        }
    }

    private String bootstrap() {
        return "127.0.0.1:" + settings.kafkaPort;
    }

    private void awaitKafka(Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
            boolean ready = Reconciliation.await(() -> {
                if (!kafka.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited; see its log");
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (Exception notYet) {
                    return false;
                }
            }, timeout, POLL);
            if (!ready) {
                throw new IllegalStateException("Kafka was not ready within " + timeout.toSeconds() + " s");
            }
        }
    }

    // --- the faults ------------------------------------------------------------------------------------------

    private Fault inject(String component, CommandLedger ledger) throws Exception {
        Map<UUID, Long> heads = ledger.heads();
        long pid;
        long killedAt;
        long restartedAt;
        long healthyAt;
        CompletableFuture<Long> caughtUp;
        switch (component) {
            case "command-service", "query-service" -> {
                boolean command = component.equals("command-service");
                ServiceProcess victim = command ? forwardingInstance() : queries.get(0);
                pid = victim.pid();
                log("fault: kill -9 %s (pid %d%s)", victim.name(), pid, command ? ", the instance forwarding to Kafka" : "");
                killedAt = System.nanoTime();
                victim.kill();
                caughtUp = watchCatchUp(heads);
                sleep(settings.downtime);
                restartedAt = System.nanoTime();
                victim.start().awaitHealthy(settings.startupTimeout);
            }
            case "kafka" -> {
                pid = kafka.pid();
                log("fault: kill -9 the Kafka broker (pid %d)", pid);
                killedAt = System.nanoTime();
                kafka.kill();
                caughtUp = watchCatchUp(heads);
                sleep(settings.downtime);
                restartedAt = System.nanoTime();
                kafka.start();
                awaitKafka(settings.startupTimeout);
            }
            case "postgresql" -> {
                pid = postgres.pid();
                log("fault: kill -9 the PostgreSQL postmaster (pid %d)", pid);
                killedAt = System.nanoTime();
                postgres.kill();
                caughtUp = watchCatchUp(heads);
                sleep(settings.downtime);
                restartedAt = System.nanoTime();
                postgres.start(settings.startupTimeout);
            }
            default -> throw new IllegalArgumentException(component);
        }
        healthyAt = System.nanoTime();
        long caughtUpAt = caughtUp.get();
        log("fault: %s back in %.1f s after the kill; projections %s", component, (healthyAt - killedAt) / 1e9,
                caughtUpAt >= 0 ? String.format("caught up %.1f s after the kill", (caughtUpAt - killedAt) / 1e9) : "NOT caught up");
        return new Fault(component, pid, killedAt, restartedAt, healthyAt, caughtUpAt);
    }

    /**
     * From the kill on, polls until every event acknowledged before it is applied to the active generation; the
     * moment it was (System.nanoTime()), or -1 if not within the catch-up timeout.
     */
    private CompletableFuture<Long> watchCatchUp(Map<UUID, Long> heads) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Reconciliation.await(() -> Reconciliation.caughtUp(postgres.jdbcUrl(QUERY_DATABASE), "postgres", heads),
                        settings.catchUpTimeout, POLL) ? System.nanoTime() : -1L;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1L;
            }
        });
    }

    /** The command-service instance that holds the forwarder's token (Axon writes its owner as {@code pid@host}). */
    private ServiceProcess forwardingInstance() {
        try (Connection store = DriverManager.getConnection(postgres.jdbcUrl(COMMAND_DATABASE), "postgres", "");
             Statement statement = store.createStatement();
             ResultSet rows = statement.executeQuery("SELECT owner FROM token_entry WHERE processor_name = 'kafka-forwarder'")) {
            while (rows.next()) {
                String owner = rows.getString(1);
                for (ServiceProcess instance : commands) {
                    if (owner != null && owner.startsWith(instance.pid() + "@")) {
                        return instance;
                    }
                }
            }
        } catch (SQLException e) {
            log("could not read the forwarder's owner (%s): killing the first instance", e.getSQLState());
        }
        return commands.get(0);
    }

    // --- the report ------------------------------------------------------------------------------------------

    private String report(CommandLedger ledger, List<Fault> faults, Reconciliation.Result result, HttpRebuild rebuild,
                          boolean caughtUp) {
        List<CommandLedger.Completed> completed = ledger.completedCommands();
        StringBuilder md = new StringBuilder();
        md.append(String.format("- Load: %.0f commands/s open loop for %.0f s (at least %d s: the faults' recovery lengthens it) "
                        + "through %d clients (a report with an `Idempotency-Key`, then %d notes each with `If-Match`), as "
                        + "`%s` over both command-service instances; a command whose attempt failed for a connection reason, "
                        + "a timeout or a 5xx was sent again to the other instance with the same key or version (given up "
                        + "after %d s); %d commands fell due\n",
                settings.rate, loadSeconds, settings.duration.toSeconds(), settings.clients, settings.notesPerIncident,
                FaultLoad.USER, settings.giveUpAfter.toSeconds(), load.issued()));
        md.append(String.format("- Faults, in turn, %d s apart (counted from the previous component's recovery): each component "
                + "killed with SIGKILL and started again %d s later on the same port and data\n",
                settings.duration.toSeconds() / 5, settings.downtime.toSeconds()));
        md.append(String.format("- Load average at the end (1, 5, 15 min): %s\n", loadAverage()));
        md.append("\n| figure | value |\n| --- | --- |\n");
        row(md, "commands acknowledged (2xx)", Long.toString(result.acknowledged()));
        row(md, "applied, answer lost (the retry's `If-Match` answered 412)", Long.toString(result.appliedAnswerLost()));
        row(md, "refused (other 4xx) / given up", ledger.refused() + " / " + ledger.gaveUp());
        row(md, "commands retried on the other instance (failed attempts)", ledger.retriedCommands() + " (" + ledger.failedAttempts() + ")");
        row(md, "incidents reported / events in the store for them", result.incidents() + " / " + result.storedEvents());
        row(md, "**lost** (acknowledged or applied, not in the event store)", "**" + result.lost() + "**");
        row(md, "**duplicates applied** (events in the store no command accounts for + positions applied twice to a read model)",
                "**" + (result.storeDuplicates() + result.appliedTwice()) + "**");
        row(md, "topic: records / redelivered duplicates / stored events missing / out of order per incident",
                result.topicRecords() + " / " + result.topicDuplicates() + " / " + result.topicMissing() + " / "
                        + result.topicOutOfOrder());
        row(md, "read models (checkpoints, incident log, timeline): positions not applied / dead-lettered",
                result.notApplied() + " / " + result.deadLettered());
        String rebuilt = result.rebuiltGeneration() == null ? "no rebuild" : result.rebuiltGeneration();
        String speed = rebuild.lastStatus() == null ? "" : String.format(" (%d events at %.0f events/s)",
                rebuild.lastStatus().get("rebuild").get("applied").asLong(),
                rebuild.lastStatus().get("rebuild").get("eventsPerSecond").asDouble());
        row(md, "rows differing between the live generation and a rebuild from the topic",
                result.rebuildDifferences() + " (" + result.liveGeneration() + " vs " + rebuilt + speed + ")");
        row(md, "projections caught up after the load", caughtUp ? "yes" : "**no**");
        row(md, "verdict", result.passed() ? "**PASSED**" : "**FAILED** (" + result.failures().size() + " findings)");

        md.append("\nRecovery per fault (seconds from the kill; \"first command acknowledged\" is the first command whose "
                + "first attempt began after the kill; \"projections caught up\" is when every event acknowledged before "
                + "the kill was applied to the active generation):\n\n");
        md.append("| fault | pid killed | restarted and ready | first command acknowledged | projections caught up "
                + "| commands retried | longest command, due → answer |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            long windowEnd = i + 1 < faults.size() ? faults.get(i + 1).killedAt() : Long.MAX_VALUE;
            long firstAck = Long.MAX_VALUE;
            long retried = 0;
            long longest = 0;
            for (CommandLedger.Completed command : completed) {
                if (command.outcome() == CommandLedger.Outcome.ACKNOWLEDGED && command.startedNanos() >= fault.killedAt()) {
                    firstAck = Math.min(firstAck, command.endedNanos());
                }
                if (command.startedNanos() >= fault.killedAt() && command.startedNanos() < windowEnd) {
                    retried += command.failedAttempts() > 0 ? 1 : 0;
                }
                if (command.dueNanos() >= fault.killedAt() && command.dueNanos() < windowEnd) {
                    longest = Math.max(longest, command.endedNanos() - command.dueNanos());
                }
            }
            md.append(String.format("| %s | %d | %.1f | %s | %s | %d | %.1f |\n", describe(fault.component()), fault.pid(),
                    seconds(fault.healthyAt() - fault.killedAt()),
                    firstAck == Long.MAX_VALUE ? "none" : String.format("%.2f", seconds(firstAck - fault.killedAt())),
                    fault.caughtUpAt() < 0 ? "**not within " + settings.catchUpTimeout.toSeconds() + " s**"
                            : String.format("%.1f", seconds(fault.caughtUpAt() - fault.killedAt())),
                    retried, seconds(longest)));
        }
        if (!result.failures().isEmpty()) {
            md.append("\nFindings (first 30):\n\n");
            result.failures().stream().limit(30).forEach(failure -> md.append("- ").append(failure).append('\n'));
        }
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static String describe(String component) {
        return switch (component) {
            case "command-service" -> "command-service instance (the forwarder's owner)";
            case "query-service" -> "query-service instance";
            case "kafka" -> "Kafka broker";
            case "postgresql" -> "PostgreSQL (postmaster)";
            default -> component;
        };
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void appendReport(String markdown) {
        if (settings.report == null) {
            System.out.print(markdown);
            return;
        }
        try {
            Files.writeString(settings.report, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write the report " + settings.report + ": " + e.getMessage());
        }
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    private synchronized void stopAll() {
        if (load != null) {
            try {
                load.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServiceProcess service : commands) {
            service.stop(Duration.ofSeconds(20));
        }
        for (ServiceProcess service : queries) {
            service.stop(Duration.ofSeconds(20));
        }
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(30));
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("%tT fault suite: %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }

    /** The environment of {@code ./bench.sh faults}. */
    record Settings(Path work, Path commandJar, Path queryJar, Path localStackJar, Path report, double rate,
                    Duration duration, Duration downtime, int clients, int notesPerIncident, Duration giveUpAfter,
                    int postgresPort, int kafkaPort, int kafkaControllerPort, List<Integer> commandPorts,
                    List<Integer> queryPorts, Duration startupTimeout, Duration catchUpTimeout) {

        static Settings fromEnvironment(Map<String, String> env) {
            boolean quick = "1".equals(env.get("BENCH_QUICK"));
            return new Settings(
                    Path.of(required(env, "BENCH_FAULTS_WORK")),
                    Path.of(required(env, "BENCH_FAULTS_COMMAND_JAR")),
                    Path.of(required(env, "BENCH_FAULTS_QUERY_JAR")),
                    Path.of(required(env, "BENCH_FAULTS_LOCAL_STACK_JAR")),
                    env.containsKey("BENCH_FAULTS_REPORT") ? Path.of(env.get("BENCH_FAULTS_REPORT")) : null,
                    Double.parseDouble(env.getOrDefault("BENCH_FAULTS_RATE", "50")),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_FAULTS_DURATION_S", quick ? "100" : "300"))),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_FAULTS_DOWN_S", "5"))),
                    Integer.parseInt(env.getOrDefault("BENCH_FAULTS_CLIENTS", "16")),
                    Integer.parseInt(env.getOrDefault("BENCH_FAULTS_NOTES", "9")),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_FAULTS_GIVE_UP_S", "120"))),
                    Integer.parseInt(env.getOrDefault("BENCH_FAULTS_PG_PORT", "45432")),
                    Integer.parseInt(env.getOrDefault("BENCH_FAULTS_KAFKA_PORT", "49092")),
                    Integer.parseInt(env.getOrDefault("BENCH_FAULTS_KAFKA_CONTROLLER_PORT", "49093")),
                    ports(env.getOrDefault("BENCH_FAULTS_COMMAND_PORTS", "48081,48082")),
                    ports(env.getOrDefault("BENCH_FAULTS_QUERY_PORTS", "48083,48084")),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_STARTUP_TIMEOUT_S", "240"))),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_FAULTS_CATCHUP_TIMEOUT_S", "300"))));
        }

        private static String required(Map<String, String> env, String variable) {
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(variable + " is not set (run the fault suite with ./bench.sh faults)");
            }
            return value;
        }

        private static List<Integer> ports(String list) {
            List<Integer> ports = Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
            if (ports.size() < 2) {
                throw new IllegalArgumentException("two instances or more are needed: " + list);
            }
            return ports;
        }
    }
}
