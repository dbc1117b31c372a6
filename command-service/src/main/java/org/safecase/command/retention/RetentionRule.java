package org.safecase.command.retention;

import org.safecase.events.Classification;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One retention rule of {@code retention/rules.json}: which incidents it covers, the date its clock
 * starts from, how many years it runs, and the guidance it comes from.
 */
public record RetentionRule(String code, String description, Conditions when, Start from, Start otherwise, int years,
                            List<String> sources) {

    /** What an incident must be for the rule to apply; an absent condition holds for every incident. */
    public record Conditions(Boolean allegationAgainstStaff, List<Classification> classifications,
                             Boolean pupilInvolved) {
    }

    /** Where a rule's clock starts. */
    public enum Start {
        /** The day the incident was reported (for an allegation, the day it was made). */
        REPORTED,
        /** The day the incident happened. */
        OCCURRED,
        /** The date of birth of the youngest pupil of the incident. */
        YOUNGEST_PUPIL_BIRTH
    }

    public RetentionRule {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (when == null) {
            when = new Conditions(null, null, null);
        }
    }

    boolean appliesTo(RetentionFacts incident) {
        return (when.allegationAgainstStaff() == null || when.allegationAgainstStaff() == incident.allegationAgainstStaff())
                && (when.classifications() == null || when.classifications().contains(incident.classification()))
                && (when.pupilInvolved() == null || when.pupilInvolved() == incident.pupilInvolved());
    }

    LocalDate dueOn(RetentionFacts incident) {
        LocalDate start = start(from, incident)
                .or(() -> otherwise == null ? Optional.empty() : start(otherwise, incident))
                .orElse(incident.occurredOn());
        return start.plusYears(years);
    }

    private static Optional<LocalDate> start(Start start, RetentionFacts incident) {
        return switch (start) {
            case REPORTED -> Optional.of(incident.reportedOn());
            case OCCURRED -> Optional.of(incident.occurredOn());
            case YOUNGEST_PUPIL_BIRTH -> incident.youngestPupilBornOn();
        };
    }
}
