package org.safecase.query.statistics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The anonymised statistics of a school or trust, as published: counts, with {@code "c"} where a count
 * is suppressed. Nothing identifies a person: no names, references, free text, incident ids or year groups.
 *
 * @param scope                   {@code {"schoolId": ...}} or {@code {"trustId": ...}}
 * @param from                    the first day counted (the first of a month)
 * @param to                      the last day counted (the end of a month, at most the end of {@code asOf}'s month)
 * @param asOf                    the figures stand as they were at the end of this day (the last complete month)
 * @param threshold               counts from 1 to this are suppressed
 * @param total                   incidents reported from {@code from} to {@code to}
 * @param byClassification        incidents by current classification
 * @param byCategory              incidents by current category code: those with incidents (or "c") only; empty
 *                                when the whole scope is suppressed
 * @param bySubjectType           people the incidents concern, by type (one per subject)
 * @param byOutcome               incidents by final outcome, and {@code OPEN} for those not closed
 * @param referrals               incidents referred to each target (once each, however many referral events)
 * @param medianHoursToEscalation median hours from report to first escalation: a number (one decimal), "c"
 *                                when it would rest on the threshold or fewer incidents, null when none was escalated
 * @param byPeriod                incidents by calendar month of report ({@code YYYY-MM})
 */
record StatisticsReport(Map<String, String> scope, String from, String to, String asOf, int threshold, Object total,
                        Map<String, Object> byClassification, Map<String, Object> byCategory,
                        Map<String, Object> bySubjectType, Map<String, Object> byOutcome, Map<String, Object> referrals,
                        Object medianHoursToEscalation, Map<String, Object> byPeriod) {

    static Map<String, Object> published(Map<String, Figure> figures) {
        Map<String, Object> published = new LinkedHashMap<>();
        figures.forEach((key, figure) -> published.put(key, figure.published()));
        return published;
    }
}
