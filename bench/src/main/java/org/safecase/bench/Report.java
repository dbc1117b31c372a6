package org.safecase.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The Markdown the run appends to BENCHMARKS.md, written as each phase ends so a later failure keeps earlier figures. */
final class Report {

    private final Config config;
    private final StringBuilder pending = new StringBuilder();

    Report(Config config) {
        this.config = config;
    }

    void heading(String title) {
        pending.append("\n#### ").append(title).append("\n\n");
        pending.append("_Load average when the phase began (1, 5, 15 min): ").append(loadAverage()).append("._\n\n");
        System.out.println();
        System.out.println("== " + title);
    }

    void line(String text) {
        pending.append(text).append('\n');
        System.out.println(text);
    }

    void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    void tableHeader(String... cells) {
        row(cells);
        StringBuilder separator = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            separator.append(" --- |");
        }
        line(separator.toString());
    }

    void blank() {
        line("");
    }

    void flush() {
        try {
            Files.writeString(config.report, pending, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + config.report, e);
        }
        pending.setLength(0);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }

    static String ms(double micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
