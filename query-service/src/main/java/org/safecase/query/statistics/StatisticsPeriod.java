package org.safecase.query.statistics;

import org.safecase.platform.problem.Refusal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The months a request covers, and the moment the figures are taken at. Figures are as they stood at
 * the end of the last complete month: they change once a month, not with each incident, so comparing
 * them from one day to the next does not tell when an incident was recorded, or what it was. Months
 * run whole: {@code from} counts from the first of its month, {@code to} to the end of its month, and
 * never past the last complete month. Without dates, the academic year (September to August) of the
 * last complete month, up to that month.
 */
record StatisticsPeriod(YearMonth from, YearMonth to, YearMonth lastComplete) {

    /** The first day of the month in progress: changes recorded from then on are not counted yet. */
    LocalDate countedBefore() {
        return lastComplete.plusMonths(1).atDay(1);
    }

    /** The last day the figures count, inclusive. */
    LocalDate asOf() {
        return lastComplete.atEndOfMonth();
    }

    static StatisticsPeriod resolve(LocalDate from, LocalDate to, LocalDate today, int maxMonths) {
        YearMonth lastComplete = YearMonth.from(today).minusMonths(1);
        YearMonth end = to == null ? lastComplete : YearMonth.from(to);
        if (end.isAfter(lastComplete)) {
            end = lastComplete;
        }
        YearMonth start = from == null ? academicYearOf(end) : YearMonth.from(from);
        if (start.isAfter(end)) {
            throw Refusal.invalid("INVALID_PERIOD", "from",
                    "must not be after to, nor after the last complete month (" + lastComplete + ")");
        }
        if (ChronoUnit.MONTHS.between(start, end) + 1 > maxMonths) {
            throw Refusal.invalid("INVALID_PERIOD", "from", "the range may cover at most " + maxMonths + " months");
        }
        return new StatisticsPeriod(start, end, lastComplete);
    }

    /** September of the academic year a month falls in. */
    static YearMonth academicYearOf(YearMonth month) {
        return YearMonth.of(month.getMonthValue() >= 9 ? month.getYear() : month.getYear() - 1, 9);
    }
}
