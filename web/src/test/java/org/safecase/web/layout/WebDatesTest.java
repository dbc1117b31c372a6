package org.safecase.web.layout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Times as GOV.UK's style guide writes them, in the schools' time zone. */
class WebDatesTest {

    @Test
    void timesAreWrittenTheGovUkWay() {
        assertThat(Dates.time(LocalTime.of(9, 0))).isEqualTo("9am");
        assertThat(Dates.time(LocalTime.of(16, 30))).isEqualTo("4:30pm");
        assertThat(Dates.time(LocalTime.MIDNIGHT)).isEqualTo("midnight");
        assertThat(Dates.time(LocalTime.NOON)).isEqualTo("midday");
    }

    @Test
    void aSummerInstantIsShownInBritishSummerTime() {
        assertThat(new Dates().dateTime(Instant.parse("2026-06-01T08:40:00Z"))).isEqualTo("1 June 2026 at 9:40am");
    }
}
