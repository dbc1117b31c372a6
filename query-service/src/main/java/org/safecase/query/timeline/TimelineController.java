package org.safecase.query.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.ReadYourWrites;
import org.safecase.query.incident.ReadableIncidents;
import org.safecase.query.projection.ProjectedVersions;
import org.safecase.query.projection.ProjectionGenerations;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
class TimelineController {

    private final TimelineRepository timeline;
    private final ReadableIncidents incidents;
    private final ProjectionGenerations generations;

    TimelineController(TimelineRepository timeline, ReadableIncidents incidents, ProjectionGenerations generations) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.generations = generations;
    }

    /** The incident's timeline; with {@code minVersion}, once it shows that version (or the wait is over). */
    @GetMapping(path = "/api/v1/incidents/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The case timeline", description = """
            Every event of the incident in order: when, who, what in a sentence (`summary`, coded facts only), and \
            the event's own free text apart in `detail` (a sanction's subject in `subjectReference`). With \
            `minVersion`, waits (bounded) until that version is projected; on time-out answers what it has with \
            `Safecase-Consistent: false`.""")
    ResponseEntity<TimelineView> timeline(@PathVariable UUID id,
                                          @Parameter(description = "the version a command answered; wait for it")
                                          @RequestParam(required = false) Long minVersion,
                                          AuthenticatedUser user) {
        ProjectedVersions.ProjectedVersion version = incidents.read(id, minVersion, user).version();
        List<TimelineView.Entry> entries = timeline.entries(generations.activeSchema(), id);
        // entries applied since the wait ended show too: the answer is at least as new as it says
        long shown = entries.isEmpty() ? version.version() : Math.max(version.version(), entries.get(entries.size() - 1).sequence());
        ProjectedVersions.ProjectedVersion answered = new ProjectedVersions.ProjectedVersion(shown,
                minVersion == null || shown >= minVersion);
        return ReadYourWrites.headers(ResponseEntity.ok(), answered, minVersion).body(new TimelineView(id, shown, entries));
    }
}
