package org.safecase.query.statistics;

import org.junit.jupiter.api.Test;
import org.safecase.platform.problem.Refusal;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatisticsPeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void withoutDatesTheAcademicYearUpToTheLastCompleteMonth() {
        StatisticsPeriod period = StatisticsPeriod.resolve(null, null, TODAY, 60);

        assertThat(period.from()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(period.to()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(period.asOf()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(period.countedBefore()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void inSeptemberTheDefaultIsTheWholeAcademicYearJustEnded() {
        StatisticsPeriod period = StatisticsPeriod.resolve(null, null, LocalDate.of(2026, 9, 3), 60);

        assertThat(period.from()).isEqualTo(YearMonth.of(2025, 9));
        assertThat(period.to()).isEqualTo(YearMonth.of(2026, 8));
    }

    @Test
    void datesCountWholeMonthsAndNeverTheMonthInProgress() {
        StatisticsPeriod period = StatisticsPeriod.resolve(LocalDate.of(2026, 3, 15), LocalDate.of(2027, 1, 1), TODAY, 60);

        assertThat(period.from()).isEqualTo(YearMonth.of(2026, 3));
        assertThat(period.to()).as("capped at the last complete month").isEqualTo(YearMonth.of(2026, 10));
    }

    @Test
    void onlyAnEndGivenStartsAtItsAcademicYear() {
        StatisticsPeriod period = StatisticsPeriod.resolve(null, LocalDate.of(2025, 2, 28), TODAY, 60);

        assertThat(period.from()).isEqualTo(YearMonth.of(2024, 9));
        assertThat(period.to()).isEqualTo(YearMonth.of(2025, 2));
    }

    @Test
    void aRangeEndingBeforeItStartsOrTooLongIsRefused() {
        assertThatThrownBy(() -> StatisticsPeriod.resolve(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 30), TODAY, 60))
                .isInstanceOf(Refusal.class).hasMessageContaining("must not be after");
        assertThatThrownBy(() -> StatisticsPeriod.resolve(LocalDate.of(2026, 11, 1), null, TODAY, 60))
                .as("the month in progress has no figures yet").isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> StatisticsPeriod.resolve(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 31), TODAY, 60))
                .isInstanceOf(Refusal.class).hasMessageContaining("60 months");
    }
}
