package org.safecase.bench;

import java.util.Locale;

/**
 * The figures the per-operation phases ({@code privacy}, {@code integrity}) set their costs beside: BENCHMARKS.md's
 * summary of the run of 2026-11-24 05:24 UTC, before personal data was encrypted and events were hashed. The
 * command service's CPU per command (18.0 core-s / 3,980 commands with 16 clients; 21.1 / 2,580 with 8),
 * PostgreSQL's in the same windows (11.0 / 3,980; 5.6 / 2,580), and the live projection's CPU per event
 * (423 + 738 core-s over 1,000,002 events: 0.42 ms in the query service, 0.74 ms in PostgreSQL).
 */
final class Baseline {

    static final double COMMAND_CPU_MS_LOW = 4.5;
    static final double COMMAND_CPU_MS_HIGH = 8.2;
    static final double COMMAND_PG_MS_LOW = 2.2;
    static final double COMMAND_PG_MS_HIGH = 2.8;
    static final double EVENT_CPU_MS = 1.16;
    static final double EVENT_QUERY_SERVICE_CPU_MS = 0.42;

    private Baseline() {
    }

    /**
     * {@code value} as a share of a range: "x%–y%", the high end of the range giving the low share; to a tenth of a
     * percent below 10%, where whole percents would round the costs of a hash or a statement to 0.
     */
    static String share(double value, double ofHigh, double ofLow) {
        return pct(value / ofHigh) + "–" + pct(value / ofLow);
    }

    private static String pct(double ratio) {
        return ratio < 0.1 ? String.format(Locale.ROOT, "%.1f%%", ratio * 100) : Report.pct(ratio);
    }
}
