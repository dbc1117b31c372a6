package org.safecase.query.chronology;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One person's file: {@code reference} is the one asked for; each entry is a sentence of coded facts in
 * which other people appear only by role word. {@code role} is the person's part in that incident
 * ({@code ALLEGED}, {@code AFFECTED}, {@code WITNESS}, {@code INVOLVED}), {@code subjectType} what kind of
 * person they were recorded as; {@code sequence} the event's place in its incident's stream.
 */
record ChronologyView(String reference, List<Entry> entries) {

    record Entry(Instant at, UUID incidentId, long sequence, String schoolId, String category, String categoryName,
                 String type, String role, String subjectType, String summary) {

        static Entry of(ChronologyRepository.Row row) {
            return new Entry(row.at(), row.incidentId(), row.sequence(), row.schoolId(), row.category(),
                    row.categoryName(), row.type(), row.role(), row.subjectType(), row.summary());
        }
    }
}
