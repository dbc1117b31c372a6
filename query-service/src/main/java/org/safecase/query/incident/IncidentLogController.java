package org.safecase.query.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.alert.OverdueDuties;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.projection.GenerationScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentLogController {

    private final IncidentLogRepository log;
    private final GenerationScope scope;
    private final ReadYourWrites readYourWrites;
    private final IncidentAccess access;
    private final OverdueDuties overdue;
    private final ZoneId zone;

    IncidentLogController(IncidentLogRepository log, GenerationScope scope, ReadYourWrites readYourWrites,
                          IncidentAccess access, OverdueDuties overdue,
                          @Value("${safecase.timeliness.zone:Europe/London}") ZoneId zone) {
        this.log = log;
        this.scope = scope;
        this.readYourWrites = readYourWrites;
        this.access = access;
        this.overdue = overdue;
        this.zone = zone;
    }

    /** The incident log of the user's school (or trust), newest reported first. */
    @GetMapping
    @Operation(summary = "The incident log", description = """
            One row per incident of the user's school (auditors: every school of their trust), newest reported \
            first. `from` and `to` bound when the incident occurred: an instant, or a date (a day in the schools' \
            time zone); `from` is inclusive, `to` exclusive as an instant and inclusive as a date. \
            `overdue`/`overdueFor` are computed at the time of the read. Allegations against staff appear for the \
            head teacher and auditors only.""")
    IncidentLogPage list(@Parameter(description = "one school of the user's; 403 outside them")
                         @RequestParam(required = false) String schoolId,
                         @Parameter(description = "OPEN or CLOSED") @RequestParam(required = false) String status,
                         @Parameter(description = "ILLEGAL, SAFEGUARDING or INAPPROPRIATE")
                         @RequestParam(required = false) String classification,
                         @Parameter(description = "a category code, e.g. INA-CYBERBULLY")
                         @RequestParam(required = false) String category,
                         @Parameter(description = "occurred at or after: 2026-11-20 or 2026-11-20T10:15:00Z")
                         @RequestParam(required = false) String from,
                         @Parameter(description = "occurred before (an instant) or on or before (a date)")
                         @RequestParam(required = false) String to,
                         @Parameter(description = "from 0") @RequestParam(required = false) String page,
                         @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String size,
                         AuthenticatedUser user) {
        IncidentLogQuery query = IncidentLogQuery.parse(status, classification, category, from, to, page, size, zone);
        Set<String> schools = access.readableSchools(user, schoolId);
        StaffAllegationSight sight = access.sight(user);
        return scope.read(() -> {
            long total = log.count(query, schools, sight);
            List<IncidentRecord> found = log.search(query, schools, sight);
            Map<UUID, List<String>> late = overdue.of(found.stream().map(IncidentRecord::incidentId).toList());
            return new IncidentLogPage(found.stream()
                    .map(incident -> IncidentView.of(incident, late.getOrDefault(incident.incidentId(), List.of()))).toList(),
                    query.page(), query.size(), total);
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One incident of the log", description = """
            With `minVersion`, waits (bounded) until the incident's version is projected; see the API description \
            for the `Safecase-Projection-Version` and `Safecase-Consistent` headers.""")
    ResponseEntity<IncidentView> one(@PathVariable UUID id,
                                     @Parameter(description = "the version a command answered; wait for it")
                                     @RequestParam(required = false) Long minVersion,
                                     AuthenticatedUser user) {
        return readYourWrites.read(id, minVersion, user, incident -> ReadYourWrites.Shown.row(
                IncidentView.of(incident, overdue.of(List.of(id)).getOrDefault(id, List.of()))));
    }
}
