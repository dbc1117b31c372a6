package org.safecase.query.request;

import org.safecase.platform.problem.Refusal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one way the query API checks its common parameters: paging, and periods given as instants
 * ({@code 2026-11-20T10:15:00Z}) or dates ({@code 2026-11-20}, a day in the schools' time zone). A bad
 * value is a 400 problem naming the field.
 */
public final class RequestParameters {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** {@code from} inclusive; {@code to} exclusive as an instant, the whole day as a date; either may be null. */
    public record Period(Instant from, Instant to) {
    }

    /** A page from 0 and its size, 1 to {@value #MAX_SIZE}. */
    public record Paging(int page, int size) {
    }

    private RequestParameters() {
    }

    public static Period period(String from, String to, ZoneId zone) {
        Instant start = blank(from) ? null : time("from", from, zone, false);
        Instant end = blank(to) ? null : time("to", to, zone, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw invalid("to", "must not be before from");
        }
        return new Period(start, end);
    }

    public static Paging paging(String page, String size) {
        int pageNumber = number("page", page, 0);
        int pageSize = number("size", size, DEFAULT_SIZE);
        if (pageNumber < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw invalid("size", "must be from 1 to " + MAX_SIZE);
        }
        return new Paging(pageNumber, pageSize);
    }

    public static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The trimmed value, or null if it is absent or blank. */
    public static String optional(String value) {
        return blank(value) ? null : value.trim();
    }

    public static Refusal invalid(String field, String message) {
        return Refusal.invalid("VALIDATION_FAILED", field, message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
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
        if (blank(value)) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "must be a whole number");
        }
    }
}
