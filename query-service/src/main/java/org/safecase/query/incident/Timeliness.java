package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.events.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an open incident is overdue, at the time of the read (R18): never stored, so never stale.
 * <ul>
 * <li>{@code ESCALATION}: an illegal or child-protection incident, or an allegation against staff, that no
 * designated lead has had within {@code safecase.timeliness.escalation-within} of its report. A lead has
 * it once it is escalated, or if a DSL or the head teacher reported it (for an allegation against
 * staff: the head teacher).</li>
 * <li>{@code POLICE_REFERRAL}: an illegal incident not referred to the police within
 * {@code safecase.timeliness.police-referral-within} of its report (policy: illegal material goes to the police).</li>
 * </ul>
 */
@Component
public class Timeliness {

    public static final String ESCALATION = "ESCALATION";
    public static final String POLICE_REFERRAL = "POLICE_REFERRAL";

    private final Clock clock;
    private final Duration escalationWithin;
    private final Duration policeReferralWithin;

    Timeliness(Clock clock, @Value("${safecase.timeliness.escalation-within:PT24H}") Duration escalationWithin,
               @Value("${safecase.timeliness.police-referral-within:PT24H}") Duration policeReferralWithin) {
        this.clock = clock;
        this.escalationWithin = escalationWithin;
        this.policeReferralWithin = policeReferralWithin;
    }

    /** What the incident is overdue for now; empty if nothing. */
    public List<String> overdue(IncidentRecord incident) {
        List<String> overdue = new ArrayList<>();
        if (!incident.isOpen()) {
            return overdue;
        }
        Instant now = clock.instant();
        if (needsEscalation(incident) && now.isAfter(incident.reportedAt().plus(escalationWithin))) {
            overdue.add(ESCALATION);
        }
        if (incident.classification() == Classification.ILLEGAL && !incident.policeReferred()
                && now.isAfter(incident.reportedAt().plus(policeReferralWithin))) {
            overdue.add(POLICE_REFERRAL);
        }
        return overdue;
    }

    private static boolean needsEscalation(IncidentRecord incident) {
        if (incident.escalatedAt() != null) {
            return false;
        }
        if (incident.allegationAgainstStaff()) {
            return incident.reportedByRole() != Role.HEAD_TEACHER;
        }
        boolean leadReported = incident.reportedByRole() == Role.DSL || incident.reportedByRole() == Role.HEAD_TEACHER;
        return !leadReported && (incident.classification() == Classification.ILLEGAL
                || incident.classification() == Classification.SAFEGUARDING);
    }
}
