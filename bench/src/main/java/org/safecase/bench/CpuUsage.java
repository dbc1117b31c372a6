package org.safecase.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU went during a measured window: the stack's processes (by the pids bench.sh passes in
 * {@code BENCH_PIDS}, PostgreSQL with all its backends), this load generator, and everything else on
 * the machine, from {@code /proc}. On a 2-core machine shared by all of them this says what limited a figure.
 */
final class CpuUsage {

    static final String POSTGRES = "postgres";

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final long ticksPerSecond;
    private final int cores = Runtime.getRuntime().availableProcessors();

    CpuUsage(Map<String, String> env) {
        for (String entry : env.getOrDefault("BENCH_PIDS", "").split(",")) {
            String[] pair = entry.split("=");
            if (pair.length == 2 && pair[1].trim().matches("\\d+")) {
                pids.put(pair[0].trim(), Long.parseLong(pair[1].trim()));
            }
        }
        pids.put("load generator", ProcessHandle.current().pid());
        ticksPerSecond = Long.parseLong(env.getOrDefault("BENCH_CLK_TCK", "100"));
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy) {
    }

    Snapshot take() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<Long, long[]> all = postgresWanted(pids) ? allProcesses() : Map.of();
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            long used = ticks(entry.getValue());
            if (entry.getKey().equals(POSTGRES)) {
                for (long[] process : all.values()) {
                    if (process[0] == entry.getValue()) {
                        used += process[1];
                    }
                }
            }
            ticks.put(entry.getKey(), used);
        }
        return new Snapshot(System.nanoTime(), ticks, machineBusy());
    }

    /** One line: core-seconds used by each part between two snapshots, and by everything else. */
    String describe(Snapshot from, Snapshot to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "CPU over the window (core-seconds; %d cores × %.1f s = %.1f available): ", cores, seconds, cores * seconds));
        long ours = 0;
        for (Map.Entry<String, Long> entry : to.ticks().entrySet()) {
            long used = Math.max(0, entry.getValue() - from.ticks().getOrDefault(entry.getKey(), 0L));
            ours += used;
            line.append(String.format(Locale.ROOT, "%s %.1f, ", entry.getKey(), used / (double) ticksPerSecond));
        }
        long busy = to.machineBusy() - from.machineBusy();
        if (busy > 0) {
            line.append(String.format(Locale.ROOT, "other processes %.1f, idle %.1f.",
                    Math.max(0, busy - ours) / (double) ticksPerSecond,
                    Math.max(0, cores * seconds - busy / (double) ticksPerSecond)));
        }
        return line.toString();
    }

    /** Core-seconds one part (for example {@code postgres}) used between two snapshots; NaN when it is not watched. */
    double coreSeconds(Snapshot from, Snapshot to, String part) {
        Long before = from.ticks().get(part);
        Long after = to.ticks().get(part);
        return before == null || after == null ? Double.NaN : Math.max(0, after - before) / (double) ticksPerSecond;
    }

    private static boolean postgresWanted(Map<String, Long> pids) {
        return pids.containsKey(POSTGRES);
    }

    /** utime + stime of one process, in clock ticks; 0 when it is gone. */
    private static long ticks(long pid) {
        long[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? 0 : stat[1];
    }

    /** pid → {parent pid, utime + stime}. */
    private static Map<Long, long[]> allProcesses() {
        Map<Long, long[]> processes = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                long[] stat = stat(entry.resolve("stat"));
                if (stat != null) {
                    processes.put(Long.parseLong(entry.getFileName().toString()), stat);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no breakdown
        }
        return processes;
    }

    private static long[] stat(Path file) {
        try {
            String text = Files.readString(file);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal
            return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                    + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
