package org.safecase.web.layout;


import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form's answers by field id ({@code escalate-reason}), trimmed, a blank answer as none: what a page shows back
 * when something must be corrected, and what a controller reads to build a service's request.
 */
public final class Answers {

    private final Map<String, String> values;

    private Answers(Map<String, String> values) {
        this.values = values;
    }

    public static Answers of(Map<String, String> submitted) {
        Map<String, String> values = new HashMap<>();
        submitted.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        });
        return new Answers(values);
    }

    public static Answers none() {
        return new Answers(new HashMap<>());
    }

    /** The answer, or null: templates read {@code answers.get('escalate-reason')}. */
    public String get(String field) {
        return values.get(field);
    }

    public boolean is(String field, String value) {
        return value.equals(values.get(field));
    }

    public Answers with(String field, String value) {
        values.put(field, value);
        return this;
    }

    /** Prefills a date and time question ({@code field-day}, {@code -month}, {@code -year}, {@code -time}). */
    public Answers withDateTime(String field, Instant at) {
        ZonedDateTime local = at.atZone(Dates.SCHOOLS);
        return with(field + "-day", Integer.toString(local.getDayOfMonth()))
                .with(field + "-month", Integer.toString(local.getMonthValue()))
                .with(field + "-year", Integer.toString(local.getYear()))
                .with(field + "-time", String.format("%02d:%02d", local.getHour(), local.getMinute()));
    }

    /**
     * A date and time question's answer as an instant in the schools' time zone, or empty with an error (linked to
     * its day field) if it is missing or not a real date and time.
     */
    public Optional<Instant> dateTime(String field, String message, List<PageError> errors) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(values.getOrDefault(field + "-year", "")),
                    Integer.parseInt(values.getOrDefault(field + "-month", "")),
                    Integer.parseInt(values.getOrDefault(field + "-day", "")));
            LocalTime time = LocalTime.parse(padded(values.getOrDefault(field + "-time", "")));
            return Optional.of(date.atTime(time).atZone(Dates.SCHOOLS).toInstant());
        } catch (NumberFormatException | DateTimeException notADateTime) {
            errors.add(PageError.at(field + "-day", message));
            return Optional.empty();
        }
    }

    /** Prefills a date question ({@code field-day}, {@code -month}, {@code -year}). */
    public Answers withDate(String field, LocalDate date) {
        return with(field + "-day", Integer.toString(date.getDayOfMonth()))
                .with(field + "-month", Integer.toString(date.getMonthValue()))
                .with(field + "-year", Integer.toString(date.getYear()));
    }

    /**
     * A date question's answer (GOV.UK's day, month and year), or empty with an error (linked to its day field) if
     * it is missing or not a real date.
     */
    public Optional<LocalDate> date(String field, String message, List<PageError> errors) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(values.getOrDefault(field + "-year", "")),
                    Integer.parseInt(values.getOrDefault(field + "-month", "")),
                    Integer.parseInt(values.getOrDefault(field + "-day", ""))));
        } catch (NumberFormatException | DateTimeException notADate) {
            errors.add(PageError.at(field + "-day", message));
            return Optional.empty();
        }
    }

    /**
     * An optional month and year question ({@code <field>-month}, {@code <field>-year}): empty without an error when
     * neither was answered, else the month, or empty with an error (linked to its month field) if it is not a real one.
     */
    public Optional<YearMonth> monthIfAnswered(String field, String message, List<PageError> errors) {
        if (!answered(field, "month", "year")) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.of(Integer.parseInt(values.getOrDefault(field + "-year", "")),
                    Integer.parseInt(values.getOrDefault(field + "-month", ""))));
        } catch (NumberFormatException | DateTimeException notAMonth) {
            errors.add(PageError.at(field + "-month", message));
            return Optional.empty();
        }
    }

    /** An optional date question: empty without an error when none of its parts was answered. */
    public Optional<LocalDate> dateIfAnswered(String field, String message, List<PageError> errors) {
        return answered(field, "day", "month", "year") ? date(field, message, errors) : Optional.empty();
    }

    /** An optional date and time question: empty without an error when none of its parts was answered. */
    public Optional<Instant> dateTimeIfAnswered(String field, String message, List<PageError> errors) {
        return answered(field, "day", "month", "year", "time") ? dateTime(field, message, errors) : Optional.empty();
    }

    private boolean answered(String field, String... parts) {
        for (String part : parts) {
            if (values.containsKey(field + "-" + part)) {
                return true;
            }
        }
        return false;
    }

    private static String padded(String time) {
        return time.matches("\\d:\\d\\d") ? "0" + time : time;
    }
}
