package org.safecase.query.sanction;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * When a person's history counts as repeat behaviour (R16), each setting with a laptop default and an
 * environment variable: {@code safecase.repeat.prior-incidents} ({@code SAFECASE_REPEAT_PRIOR_INCIDENTS},
 * default 2: a category is flagged from its third incident in the window) and {@code safecase.repeat.window}
 * ({@code SAFECASE_REPEAT_WINDOW}, default {@code P12M}: an ISO period back from today, or
 * {@code SCHOOL_YEAR}: since the latest 1 September).
 */
@ConfigurationProperties("safecase.repeat")
record RepeatProperties(Integer priorIncidents, String window) {

    static final String SCHOOL_YEAR = "SCHOOL_YEAR";

    RepeatProperties {
        priorIncidents = priorIncidents == null ? 2 : priorIncidents;
        window = window == null || window.isBlank() ? "P12M" : window.trim();
        if (priorIncidents < 0) {
            throw new IllegalArgumentException("safecase.repeat.prior-incidents cannot be negative");
        }
        if (!SCHOOL_YEAR.equals(window)) {
            Period period;
            try {
                period = Period.parse(window);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("safecase.repeat.window must be SCHOOL_YEAR or an ISO period such as P12M");
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("safecase.repeat.window must be a period longer than zero");
            }
        }
    }

    /** The first day of the window that ends today (inclusive). */
    LocalDate windowStart(LocalDate today) {
        if (SCHOOL_YEAR.equals(window)) {
            // the school year in England starts in September
            LocalDate september = LocalDate.of(today.getYear(), Month.SEPTEMBER, 1);
            return today.isBefore(september) ? september.minusYears(1) : september;
        }
        return today.minus(Period.parse(window));
    }

    /** A category is flagged when the person has more incidents of it in the window than the prior incidents allowed. */
    boolean flags(int incidents) {
        return incidents > priorIncidents;
    }
}
