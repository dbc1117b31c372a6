package org.safecase.query.sanction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.GenerationScope;
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
import java.util.UUID;

@RestController
class SanctionsController {

    private static final Set<String> WORKFORCE = Set.of(SubjectType.STAFF.name(), SubjectType.VOLUNTEER.name());

    private final SanctionRepository sanctions;
    private final GenerationScope scope;
    private final IncidentAccess access;
    private final PersonalData personalData;
    private final RepeatProperties repeat;
    private final Clock clock;
    private final ZoneId zone;

    SanctionsController(SanctionRepository sanctions, GenerationScope scope, IncidentAccess access,
                        PersonalData personalData, RepeatProperties repeat, Clock clock,
                        @Value("${safecase.timeliness.zone:Europe/London}") ZoneId zone) {
        this.sanctions = sanctions;
        this.scope = scope;
        this.access = access;
        this.personalData = personalData;
        this.repeat = repeat;
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
        return scope.read(() -> sanctions.ofSubject(reference, schools, access.sight(user))).stream()
                .filter(row -> staffVisible || !(row.allegationAgainstStaff() || WORKFORCE.contains(row.subjectType())))
                .map(row -> SanctionView.of(row, today))
                .toList();
    }

    /**
     * Repeat behaviour (R16, seed 004's "continued infringements" row): the person's incidents per category in
     * the window, flagged from the third (by default). Looked up as the child's file looks people up (by the
     * subject index of each readable school), under the history's access rules; counts only, nobody else named.
     */
    @GetMapping(path = "/api/v1/subjects/{reference}/sanctions/repeat", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Repeat behaviour in a subject's history", description = """
            Per school and category, the incidents that occurred in the window (`from` to `to`, both included; by \
            default the last 12 months, `SAFECASE_REPEAT_WINDOW`) in which the person with this school reference is \
            the ALLEGED subject or was sanctioned, and in how many of them they were sanctioned. A category is \
            `flagged` when it has more than `priorIncidents` (default 2, `SAFECASE_REPEAT_PRIOR_INCIDENTS`: flagged \
            from the third); `flagged` at the top when any listed category is. The category is the incident's \
            current one. `category` narrows the list to one category; `incidents` is the total over every category. \
            Wrongly recorded or erased people and disposed incidents do not count. Same access as the history: \
            staff and volunteers' incidents and allegations against staff count for the head teacher and auditors only.""")
    RepeatBehaviour repeat(@PathVariable String reference,
                           @Parameter(description = "auditors: one school of the trust (references are per school)")
                           @RequestParam(required = false) String schoolId,
                           @Parameter(description = "a category code: only that category's count and flag")
                           @RequestParam(required = false) String category,
                           AuthenticatedUser user) {
        Set<String> schools = access.readableSchools(user, schoolId);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = repeat.windowStart(today);
        List<UUID> subjects = schools.stream().sorted()
                .flatMap(school -> personalData.knownSubject(school, reference).stream())
                .toList();
        List<SanctionRepository.CategoryCount> counts = scope.read(() -> sanctions.incidentsByCategory(subjects,
                schools, from.atStartOfDay(zone).toInstant(), access.sight(user)));
        List<RepeatBehaviour.CategoryRepeat> categories = counts.stream()
                .filter(c -> category == null || category.isBlank() || category.equals(c.category()))
                .map(c -> new RepeatBehaviour.CategoryRepeat(c.schoolId(), c.category(), c.categoryName(), c.incidents(),
                        c.sanctioned(), repeat.flags(c.incidents())))
                .toList();
        return new RepeatBehaviour(reference, from, today, repeat.priorIncidents(),
                counts.stream().mapToInt(SanctionRepository.CategoryCount::incidents).sum(),
                categories.stream().anyMatch(RepeatBehaviour.CategoryRepeat::flagged), categories);
    }
}
