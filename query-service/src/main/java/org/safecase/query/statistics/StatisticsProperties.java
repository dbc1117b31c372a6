package org.safecase.query.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;

/**
 * The governor statistics' settings, each with a laptop default and an environment variable:
 * {@code safecase.statistics.threshold} ({@code SAFECASE_STATISTICS_THRESHOLD}, default 5: counts from
 * 1 to it are shown as "c"), {@code safecase.statistics.zone} ({@code SAFECASE_STATISTICS_ZONE}, default
 * Europe/London: the calendar months incidents are counted in), {@code safecase.statistics.max-months}
 * ({@code SAFECASE_STATISTICS_MAX_MONTHS}, default 60: the longest range one request may ask for).
 */
@ConfigurationProperties("safecase.statistics")
record StatisticsProperties(Integer threshold, ZoneId zone, Integer maxMonths) {

    StatisticsProperties {
        threshold = threshold == null ? DisclosureControl.DEFAULT_THRESHOLD : threshold;
        zone = zone == null ? ZoneId.of("Europe/London") : zone;
        maxMonths = maxMonths == null ? 60 : maxMonths;
        if (threshold < 0) {
            throw new IllegalArgumentException("safecase.statistics.threshold cannot be negative");
        }
        if (maxMonths < 1) {
            throw new IllegalArgumentException("safecase.statistics.max-months must be at least 1");
        }
    }
}
