package org.safecase.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline benchmark's Java side, run by {@code ./bench.sh} against a local stack it started:
 * {@code commands} (closed-loop commands/s, event-store appends/s, Kafka consume ceiling), {@code latency}
 * (command response → case timeline at a steady rate), {@code rebuild} (1M synthetic events, live
 * catch-up, Kafka ceiling, projection rebuild), {@code privacy} (what encrypting personal data costs a
 * field, a command, a projected event and a read), {@code integrity} (what the hash chain and the integrity
 * log cost per event and per command). The PostgreSQL ceiling is bench.sh's (pgbench).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> phases = new ArrayList<>(Arrays.asList(args));
        if (phases.isEmpty() || phases.contains("all")) {
            // privacy and integrity first: they measure CPU against a PostgreSQL the other phases leave busy
            phases = List.of("privacy", "integrity", "commands", "latency", "rebuild");
        }
        Config config = Config.fromEnvironment();
        Report report = new Report(config);
        List<String> failed = new ArrayList<>();
        try (KafkaTools kafka = new KafkaTools(config); EventStore store = new EventStore(config)) {
            QueryService query = new QueryService(config, kafka);
            CpuUsage cpu = new CpuUsage(System.getenv());
            if (phases.contains("commands") || phases.contains("latency")) {
                CommandLoad.prime(config);
            }
            double capacity = Double.NaN;
            for (String phase : phases) {
                try {
                    switch (phase) {
                        case "commands" -> {
                            CommandLoad load = new CommandLoad(config, report, kafka, store, cpu);
                            load.run();
                            capacity = load.bestCommandsPerSecond;
                            kafkaCeiling(report, kafka);
                        }
                        case "latency" -> {
                            QueryService.CatchUp caughtUp = query.awaitCaughtUp("latency", System.nanoTime(), 600);
                            System.out.printf("latency: query service %s (%.1f s)%n",
                                    caughtUp.reached() ? "caught up" : "NOT caught up, lag " + caughtUp.lag(), caughtUp.seconds());
                            new LatencyProbe(config, report, kafka, cpu, config.latencyRate).run();
                            // where the service cannot sustain the target rate, the figure above is queueing;
                            // a second run at half the measured capacity shows the pipeline's own latency
                            if (!Double.isNaN(capacity) && capacity < 1.25 * config.latencyRate) {
                                int sustainable = (int) Math.max(1, Math.round(capacity / 2));
                                System.out.printf("latency: the command service sustained %.0f commands/s: again at %d/s%n",
                                        capacity, sustainable);
                                query.awaitCaughtUp("latency", System.nanoTime(), 600);
                                new LatencyProbe(config, report, kafka, cpu, sustainable).run();
                            }
                        }
                        case "rebuild" -> new RebuildPhase(config, report, kafka, query, cpu).run();
                        case "privacy" -> new PrivacyPhase(config, report, StackPrivacy.asTheServices(config), cpu).run();
                        case "integrity" -> new IntegrityPhase(config, report, cpu).run();
                        case "checkpoints" -> new CheckpointPhase(config, report, cpu).run();
                        default -> throw new IllegalArgumentException("unknown phase " + phase
                                + " (commands, latency, rebuild, privacy, integrity, checkpoints; ceiling is bench.sh's)");
                    }
                } catch (Exception e) {
                    failed.add(phase);
                    System.err.println("phase " + phase + " failed: " + e);
                    e.printStackTrace();
                    report.line("");
                    report.line("**Phase `" + phase + "` failed**: " + Http.abbreviate(e.toString()));
                    report.flush();
                }
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("failed phases: " + failed);
            System.exit(1);
        }
    }

    private static void kafkaCeiling(Report report, KafkaTools kafka) {
        KafkaTools.ConsumeResult plain = kafka.consumeAll(false);
        report.blank();
        if (plain.records() < 10_000) {
            report.line(String.format(Locale.ROOT, "Kafka consume ceiling: the topic holds only %,d records, too few for a "
                    + "meaningful rate (%.2f s including the consumer's start); see the rebuild phase's figure.",
                    plain.records(), plain.seconds()));
            report.flush();
            return;
        }
        report.line(String.format(Locale.ROOT, "Kafka consume ceiling for these records: a plain KafkaConsumer (own group, "
                        + "from the beginning) read the whole topic, %,d records, in %.2f s: **%s records/s** (%.0f MB/s).",
                plain.records(), plain.seconds(), Report.num(plain.recordsPerSecond()), plain.megabytesPerSecond()));
        report.flush();
    }
}
