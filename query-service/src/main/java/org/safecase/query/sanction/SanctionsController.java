package org.safecase.query.sanction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.events.SubjectType;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.ProjectionGenerations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

@RestController
class SanctionsController {

    private static final Set<String> WORKFORCE = Set.of(SubjectType.STAFF.name(), SubjectType.VOLUNTEER.name());

    private final SanctionRepository sanctions;
    private final ProjectionGenerations generations;
    private final IncidentAccess access;
    private final Clock clock;
    private final ZoneId zone;

    SanctionsController(SanctionRepository sanctions, ProjectionGenerations generations, IncidentAccess access,
                        Clock clock, @Value("${safecase.timeliness.zone:Europe/London}") ZoneId zone) {
        this.sanctions = sanctions;
        this.generations = generations;
        this.access = access;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * A person's sanctions across the incidents of their school, newest first, so that a repeat is
     * visible at decision time (R16). References are the school's own, so they are looked up within
     * the user's school (an auditor: every school of the trust, or {@code schoolId}). Sanctions of
     * staff or volunteers, and any from an allegation against staff, only for the head teacher and auditors (R12).
     */
    @GetMapping(path = "/api/v1/subjects/{reference}/sanctions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A subject's sanctions history", description = """
            Every sanction applied to the person with this school reference, across incidents, newest first. \
            `active`/`status` are computed on the day of the read: a sanction with an end is ACTIVE from its start \
            to its end (both days included), then EXPIRED; one without an end is a one-off action, RECORDED and \
            never active; either is SCHEDULED before it starts. Staff sanctions: head teacher and auditors only.""")
    List<SanctionView> history(@PathVariable String reference,
                               @Parameter(description = "auditors: one school of the trust (references are per school)")
                               @RequestParam(required = false) String schoolId,
                               AuthenticatedUser user) {
        Set<String> schools = access.readableSchools(user, schoolId);
        boolean staffVisible = access.readsStaffAllegations(user);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return sanctions.ofSubject(generations.activeSchema(), reference, schools).stream()
                .filter(row -> staffVisible || !(row.allegationAgainstStaff() || WORKFORCE.contains(row.subjectType())))
                .map(row -> SanctionView.of(row, today))
                .toList();
    }
}
