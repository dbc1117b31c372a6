package org.safecase.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller) on a fixed port, from Maven
 * Central jars, no Docker needed. Both its listeners are bound to 127.0.0.1 (PLAINTEXT, no
 * authentication): nothing outside this machine reaches it. It can be stopped and started again on
 * the same port and log directory, which is how the tests take Kafka away from a running service and
 * give it back.
 */
public final class LocalKafka implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path logDirectory;
    private KafkaRaftServer server;

    private LocalKafka(int port, int controllerPort, Path logDirectory) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDirectory = logDirectory;
    }

    public static LocalKafka onPorts(int port, int controllerPort, Path logDirectory) {
        return new LocalKafka(port, controllerPort, logDirectory);
    }

    /** A broker on free ports with its log in a fresh temporary directory: for tests. */
    public static LocalKafka onFreePorts() {
        try {
            return new LocalKafka(freePort(), freePort(), Files.createTempDirectory("safecase-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        Properties properties = brokerProperties();
        formatOnce(properties);
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** Formats the log directory once, as {@code kafka-storage.sh format} would. */
    private void formatOnce(Properties properties) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            Path config = Files.createTempFile("safecase-kafka", ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "safecase local broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()}, new PrintStream(output, true));
            if (status != 0) {
                throw new IllegalStateException("kafka storage format failed: " + output);
            }
            Files.deleteIfExists(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka on " + bootstrapServers() + " not ready", notYet);
                    }
                }
            }
        }
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
