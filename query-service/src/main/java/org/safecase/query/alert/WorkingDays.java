package org.safecase.query.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The school-day calendar as data (weekends and the bank holidays of England and Wales, {@code alerts/calendar.json}):
 * "within one working day" of something is by the end of the next working day after the day it happened, in the
 * calendar's time zone. A date past the calendar's cover is counted by weekends alone, and said in the log once.
 */
@Component
public class WorkingDays {

    private static final Logger log = LoggerFactory.getLogger(WorkingDays.class);

    private record Calendar(String timeZone, List<DayOfWeek> weekend, LocalDate coversUntil, List<LocalDate> bankHolidays) {
    }

    private final ZoneId zone;
    private final Set<DayOfWeek> weekend;
    private final LocalDate coversUntil;
    private final Set<LocalDate> holidays;
    private final java.util.concurrent.atomic.AtomicBoolean warnedPastCover = new java.util.concurrent.atomic.AtomicBoolean();

    WorkingDays(@Value("${safecase.alerts.calendar:classpath:alerts/calendar.json}") Resource resource, JsonMapper json) {
        try (InputStream in = resource.getInputStream()) {
            Calendar calendar = json.readValue(in, Calendar.class);
            this.zone = ZoneId.of(calendar.timeZone());
            this.weekend = Set.copyOf(calendar.weekend());
            this.coversUntil = calendar.coversUntil();
            this.holidays = Set.copyOf(calendar.bankHolidays());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working-day calendar " + resource, e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (day.isAfter(coversUntil) && !warnedPastCover.getAndSet(true)) {
            log.warn("The working-day calendar covers days until {} only: add the bank holidays after it", coversUntil);
        }
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The end (midnight at its close) of the {@code days}-th working day after the day of {@code from}. */
    public Instant endOfWorkingDays(Instant from, int days) {
        LocalDate day = LocalDate.ofInstant(from, zone);
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The end of the given day, as an instant: when an action due on it becomes overdue. */
    public Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
