package org.safecase.bench;

import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Measures an operation run n times on the calling thread, as the per-operation phases ({@code privacy},
 * {@code integrity}) report it: this thread's CPU time ({@link ThreadMXBean}, what a service's thread would
 * spend), the wall time of each iteration, and PostgreSQL's CPU (server and backends, from {@code /proc}) net
 * of its idle rate, measured once before.
 */
final class ThreadLoop {

    static final int IDLE_BASELINE_MILLIS = 3_000;

    private final CpuUsage cpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private double postgresIdleRate = Double.NaN;

    ThreadLoop(CpuUsage cpu) {
        this.cpu = cpu;
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
    }

    /** One measured loop: this thread's CPU and the wall time, per iteration, and PostgreSQL's CPU, net of idle. */
    record Measured(long iterations, double cpuMicros, double wallMicros, Histogram wall, double postgresMicros) {

        String postgres() {
            return Double.isNaN(postgresMicros) ? "n/a" : micros(postgresMicros);
        }

        /** The same totals spread over {@code per} times as many units (events of a pass, appends of a batch). */
        Measured per(long per) {
            return new Measured(iterations * per, cpuMicros / per, wallMicros / per, wall, postgresMicros / per);
        }
    }

    /** PostgreSQL's CPU while nothing is asked of it here: the idle services' polling and its own housekeeping. */
    double measurePostgresIdleRate() throws InterruptedException {
        CpuUsage.Snapshot before = cpu.take();
        Thread.sleep(IDLE_BASELINE_MILLIS);
        CpuUsage.Snapshot after = cpu.take();
        postgresIdleRate = cpu.coreSeconds(before, after, CpuUsage.POSTGRES) / ((after.nanos() - before.nanos()) / 1e9);
        return postgresIdleRate;
    }

    String postgresIdleRate() {
        return Double.isNaN(postgresIdleRate) ? "n/a" : String.format(Locale.ROOT, "%.3f", postgresIdleRate);
    }

    /** Runs {@code operation} n times on this thread; with {@code postgres}, PostgreSQL's CPU is taken too. */
    Measured loop(long n, LongConsumer operation, boolean postgres) {
        Histogram wall = new Histogram(60_000_000L, 3);
        CpuUsage.Snapshot before = postgres ? cpu.take() : null;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (long i = 0; i < n; i++) {
            long at = System.nanoTime();
            operation.accept(i);
            wall.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
        }
        long wallNanos = System.nanoTime() - started;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        double postgresMicros = Double.NaN;
        if (postgres) {
            CpuUsage.Snapshot after = cpu.take();
            double seconds = cpu.coreSeconds(before, after, CpuUsage.POSTGRES);
            double idle = Double.isNaN(postgresIdleRate) ? 0 : postgresIdleRate * wallNanos / 1e9;
            postgresMicros = Math.max(0, seconds - idle) * 1e6 / n;
        }
        return new Measured(n, cpuNanos / 1000.0 / n, wallNanos / 1000.0 / n, wall, postgresMicros);
    }

    /**
     * 3 rounds of n after n to warm the JIT up, sorted by CPU: the median round is the figure; a round that met
     * a collection or a compilation does not count.
     */
    List<Measured> rounds(int n, LongConsumer operation) {
        loop(n, operation, false);
        List<Measured> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rounds.add(loop(n, operation, false));
        }
        rounds.sort(Comparator.comparingDouble(Measured::cpuMicros));
        return rounds;
    }

    static String micros(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        return micros >= 1000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000)
                : String.format(Locale.ROOT, "%.1f µs", micros);
    }
}
