package org.safecase.web.layout;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates and times as GOV.UK writes them ("1 December 2026 at 9:40am", "at midnight"), in the schools' time zone; templates call it
 * as {@code @dates}.
 */
@Component("dates")
public class Dates {

    public static final ZoneId SCHOOLS = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.UK);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("ha", Locale.UK);

    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(SCHOOLS);
        return DATE.format(local) + " at " + time(local.toLocalTime());
    }

    /** GOV.UK's style: 9am, 4:30pm, midday, midnight. */
    static String time(java.time.LocalTime time) {
        if (time.getHour() == 0 && time.getMinute() == 0) {
            return "midnight";
        }
        if (time.getHour() == 12 && time.getMinute() == 0) {
            return "midday";
        }
        return (time.getMinute() == 0 ? HOUR : TIME).format(time).toLowerCase(Locale.UK);
    }
}
