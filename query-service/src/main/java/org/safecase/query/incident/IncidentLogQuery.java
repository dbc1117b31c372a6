package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.platform.problem.Refusal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * The filters of the incident log, checked. {@code from} and {@code to} bound the time the incident
 * <em>occurred</em>: each is an instant ({@code 2026-11-20T10:15:00Z}) or a date ({@code 2026-11-20},
 * a day in the schools' time zone). {@code from} is inclusive; {@code to} is exclusive as an instant and
 * inclusive as a date (the whole day).
 */
record IncidentLogQuery(Status status, Classification classification, String category, Instant from, Instant to,
                        int page, int size) {

    enum Status { OPEN, CLOSED }

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    static IncidentLogQuery parse(String status, String classification, String category, String from, String to,
                                  String page, String size, ZoneId zone) {
        Instant start = from == null || from.isBlank() ? null : time("from", from, zone, false);
        Instant end = to == null || to.isBlank() ? null : time("to", to, zone, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw invalid("to", "must not be before from");
        }
        int pageNumber = number("page", page, 0);
        int pageSize = number("size", size, DEFAULT_SIZE);
        if (pageNumber < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw invalid("size", "must be from 1 to " + MAX_SIZE);
        }
        return new IncidentLogQuery(constant("status", status, Status.class),
                constant("classification", classification, Classification.class),
                category == null || category.isBlank() ? null : category.trim(), start, end, pageNumber, pageSize);
    }

    private static Instant time(String field, String value, ZoneId zone, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw invalid(field, "must be a date (2026-11-20) or an instant (2026-11-20T10:15:00Z)");
        }
    }

    private static int number(String field, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "must be a whole number");
        }
    }

    private static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Refusal invalid(String field, String message) {
        return Refusal.invalid("VALIDATION_FAILED", field, message);
    }
}
