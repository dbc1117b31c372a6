package org.safecase.query.incident;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.projection.ProjectedVersions;
import org.safecase.query.projection.ProjectionGenerations;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * One incident, for a read that may wait for a version (read your own writes, {@code minVersion}). The
 * user is authorised before any wait: one who may not read the incident is answered at once, and can
 * neither hold a request open nor learn from how long the answer takes whether a version exists.
 */
@Component
public class ReadableIncidents {

    /** The incident as the answer shows it, and the projected version it shows. */
    public record Read(IncidentRecord incident, ProjectedVersions.ProjectedVersion version) {
    }

    private final IncidentLogRepository log;
    private final ProjectionGenerations generations;
    private final ProjectedVersions versions;
    private final IncidentAccess access;

    ReadableIncidents(IncidentLogRepository log, ProjectionGenerations generations, ProjectedVersions versions,
                      IncidentAccess access) {
        this.log = log;
        this.generations = generations;
        this.versions = versions;
        this.access = access;
    }

    /** 404 for an incident not projected (after the wait for its report, with {@code minVersion}), 403 outside the user's sight. */
    public Read read(UUID id, Long minVersion, AuthenticatedUser user) {
        Long wanted = ReadYourWrites.checked(minVersion);
        Optional<IncidentRecord> found = log.find(generations.activeSchema(), id);
        if (found.isEmpty() && wanted != null) {
            // read right after the report: only its first event is waited for, as it is needed to authorise
            versions.await(id, 0L);
            found = log.find(generations.activeSchema(), id);
        }
        readable(found, user);
        ProjectedVersions.ProjectedVersion version = versions.await(id, wanted);
        // the row as the wait left it, at least as new as the version
        return new Read(readable(log.find(generations.activeSchema(), id), user), version);
    }

    private IncidentRecord readable(Optional<IncidentRecord> found, AuthenticatedUser user) {
        IncidentRecord incident = found.orElseThrow(() -> Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident"));
        access.requireReadable(user, incident.schoolId(), incident.allegationAgainstStaff(),
                incident.againstHeadTeacher());
        return incident;
    }
}
