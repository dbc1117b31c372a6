package org.safecase.localstack.faults;

import org.safecase.localstack.LocalKafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local KRaft broker alone in a JVM of its own, so that the fault suite can kill -9 the broker and nothing
 * else: {@code StandaloneKafka <port> <controller port> <log directory>}. It prints {@link #READY} once the broker
 * answers, and stops cleanly on SIGTERM; a restart on the same ports and log directory recovers its log.
 */
public final class StandaloneKafka {

    static final String READY = "standalone-kafka-ready";

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/safecase/localstack/local-stack-logback.xml");
        }
        if (args.length != 3) {
            System.err.println("usage: StandaloneKafka <port> <controller port> <log directory>");
            System.exit(2);
        }
        LocalKafka kafka = LocalKafka.onPorts(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            stopped.countDown();
        }, "standalone-kafka-shutdown"));
        kafka.start();
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
