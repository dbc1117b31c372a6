package org.safecase.command.retention;

import org.safecase.events.Classification;
import org.safecase.events.SubjectType;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What the retention rules look at in one incident. */
record RetentionFacts(UUID incidentId, String schoolId, String categoryCode, Classification classification,
                      boolean allegationAgainstStaff, LocalDate occurredOn, LocalDate reportedOn, boolean closed,
                      boolean legalHold, List<SubjectFacts> subjects) {

    record SubjectFacts(SubjectType type, LocalDate bornOn) {
    }

    boolean pupilInvolved() {
        return subjects.stream().anyMatch(s -> s.type() == SubjectType.PUPIL);
    }

    /** The youngest pupil is the one born last. */
    Optional<LocalDate> youngestPupilBornOn() {
        return subjects.stream().filter(s -> s.type() == SubjectType.PUPIL).map(SubjectFacts::bornOn)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
    }
}
