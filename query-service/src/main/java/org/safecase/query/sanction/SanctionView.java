package org.safecase.query.sanction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One sanction in a subject's history. {@code active} and {@code status} are computed on the day of
 * the read, in the schools' time zone: a sanction with an end is ACTIVE from its start to its end,
 * both days included, then EXPIRED; one without an end is a one-off action (a warning, a letter
 * home), RECORDED from its start and never active. Either is SCHEDULED before its start.
 */
record SanctionView(UUID incidentId, String type, LocalDate startsOn, LocalDate endsOn, boolean active,
                    Instant appliedAt, String appliedBy, String category, String categoryName, String status,
                    String schoolId, String subjectType) {

    static final String SCHEDULED = "SCHEDULED";
    static final String ACTIVE = "ACTIVE";
    static final String EXPIRED = "EXPIRED";
    static final String RECORDED = "RECORDED";

    static SanctionView of(SanctionRepository.Row row, LocalDate today) {
        String status = status(row.startsOn(), row.endsOn(), today);
        return new SanctionView(row.incidentId(), row.type(), row.startsOn(), row.endsOn(), ACTIVE.equals(status),
                row.appliedAt(), row.appliedBy(), row.category(), row.categoryName(), status, row.schoolId(),
                row.subjectType());
    }

    static String status(LocalDate startsOn, LocalDate endsOn, LocalDate today) {
        if (today.isBefore(startsOn)) {
            return SCHEDULED;
        }
        if (endsOn == null) {
            return RECORDED;
        }
        return today.isAfter(endsOn) ? EXPIRED : ACTIVE;
    }
}
