package org.safecase.query.accesslog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;

@RestController
class AccessLogController {

    private final AccessLogSearch accessLog;
    private final ZoneId zone;

    AccessLogController(AccessLogSearch accessLog, @Value("${safecase.timeliness.zone:Europe/London}") ZoneId zone) {
        this.accessLog = accessLog;
        this.zone = zone;
    }

    /** Who read which case data, on both services, allowed or refused: for auditors and the DPO. */
    @GetMapping(path = "/api/v1/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The read log", description = """
            Every read of case data on both services by the users of the caller's trust, allowed or refused, \
            newest first: when (`at`), who (`userId`, `role`), what (`service`, `action`: INCIDENT_LOG, INCIDENT, \
            TIMELINE, SANCTIONS, ACCESS_LOG, EVENTS, EXPORT; `incidentId`, `subjectReference`) and what became of \
            it (`outcome` ALLOWED, REFUSED or FAILED, with the HTTP `status`). Reading the log is itself recorded. \
            A person's reference shows as `[erased]` once they have been erased; the entry stays. `from` and `to` \
            bound when the read happened: an instant, or a date (a day in the schools' time zone); `from` is \
            inclusive, `to` exclusive as an instant and inclusive as a date. Auditors and the data protection \
            officer only.""")
    AccessLogPage list(@Parameter(description = "reads of this incident") @RequestParam(required = false) String incidentId,
                       @Parameter(description = "reads about the person with this reference, in any school of the trust")
                       @RequestParam(required = false) String subjectReference,
                       @Parameter(description = "reads by this user") @RequestParam(required = false) String userId,
                       @Parameter(description = "at or after: 2026-11-20 or 2026-11-20T10:15:00Z")
                       @RequestParam(required = false) String from,
                       @Parameter(description = "before (an instant) or on or before (a date)")
                       @RequestParam(required = false) String to,
                       @Parameter(description = "from 0") @RequestParam(required = false) String page,
                       @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String size,
                       AuthenticatedUser user) {
        return accessLog.search(user, AccessLogQuery.parse(incidentId, subjectReference, userId, from, to, page, size, zone));
    }
}
