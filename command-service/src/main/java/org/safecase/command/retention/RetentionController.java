package org.safecase.command.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** What the retention rules say is due, and the rules themselves, for the data protection officer. */
@RestController
class RetentionController {

    private final RetentionSchedule schedule;
    private final RetentionRules rules;
    private final SchoolDirectory schools;
    private final Clock clock;
    private final ZoneId zone;

    RetentionController(RetentionSchedule schedule, RetentionRules rules, SchoolDirectory schools, Clock clock,
                        @Value("${safecase.retention.zone:Europe/London}") ZoneId zone) {
        this.schedule = schedule;
        this.rules = rules;
        this.schools = schools;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping(path = "/api/v1/retention/due", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Incidents whose retention has ended (DPO)", description = """
            Incidents not yet disposed of whose retention ends on or before `asOf` (default today), earliest first: \
            `{incidentId, schoolId, category, rule, dueOn, closed, legalHold}`, never any personal data. A date is a \
            review: dispose of each with `POST /api/v1/incidents/{id}/disposal`, or put it under legal hold.""")
    List<RetentionSchedule.DueIncident> due(@Parameter(description = "one school of your trust (default: all of them)")
                                            @RequestParam(required = false) String schoolId,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                            LocalDate asOf,
                                            AuthenticatedUser user) {
        return schedule.due(schoolsOf(user, schoolId), asOf != null ? asOf : LocalDate.now(clock.withZone(zone)));
    }

    @GetMapping(path = "/api/v1/retention/rules", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The retention rules (DPO)", description = "The rules as data, in the order they apply, each with its sources.")
    RulesView rules() {
        return new RulesView(rules.version(), rules.all());
    }

    record RulesView(String version, List<RetentionRule> rules) {
    }

    private Set<String> schoolsOf(AuthenticatedUser user, String schoolId) {
        Set<String> own = user.schoolId() != null ? Set.of(user.schoolId())
                : user.trustId() != null ? schools.schoolsOfTrust(user.trustId()) : Set.of();
        if (schoolId == null || schoolId.isBlank()) {
            return own;
        }
        if (!own.contains(schoolId)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read the retention of your own school or trust only");
        }
        return Set.of(schoolId);
    }
}
