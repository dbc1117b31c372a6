package org.safecase.query.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.ReadYourWrites;
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
    private final ReadYourWrites readYourWrites;

    TimelineController(TimelineRepository timeline, ReadYourWrites readYourWrites) {
        this.timeline = timeline;
        this.readYourWrites = readYourWrites;
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
        return readYourWrites.read(id, minVersion, user, incident -> {
            List<TimelineView.Entry> entries = timeline.entries(id);
            return new ReadYourWrites.Shown<>(entries.isEmpty() ? -1 : entries.get(entries.size() - 1).sequence(),
                    version -> new TimelineView(id, version, entries));
        });
    }
}
