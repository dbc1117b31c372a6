package org.safecase.query.sanction;

import java.time.LocalDate;
import java.util.List;

/**
 * Repeat behaviour (R16): how many incidents of each category the person with {@code reference} was the
 * alleged subject of, or was sanctioned in, between {@code from} and {@code to} (both days included, by
 * when each incident occurred). A category is {@code flagged} when it has more than {@code priorIncidents};
 * {@code flagged} at the top when any listed category is. Counts and codes only: no other person, no text.
 */
record RepeatBehaviour(String reference, LocalDate from, LocalDate to, int priorIncidents, int incidents,
                       boolean flagged, List<CategoryRepeat> categories) {

    /** One category of one school (references are per school, so an auditor's schools are never merged). */
    record CategoryRepeat(String schoolId, String category, String categoryName, int incidents, int sanctioned,
                          boolean flagged) {
    }
}
