package org.safecase.query.incident;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.projection.GenerationScope;
import org.safecase.query.projection.ProjectedVersions;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Read your own writes, for every read of one incident: with {@code minVersion} (the version a command answered) the
 * read waits, briefly and boundedly, until the active generation shows that version, and its answer says which
 * version it shows. The user is authorised before any wait: one who may not read the incident is answered at once,
 * and can neither hold a request open nor learn from how long the answer takes whether a version exists. The waits
 * hold no transaction; the answer is read in one, in the active generation.
 */
@Component
public class ReadYourWrites {

    /** The incident's version this answer shows ({@code -1}: nothing projected yet). */
    public static final String VERSION_HEADER = "Safecase-Projection-Version";
    /** With {@code minVersion}: whether the answer shows at least that version. */
    public static final String CONSISTENT_HEADER = "Safecase-Consistent";

    /**
     * What an answer shows: the incident's newest event it shows beyond the incident's row ({@code -1}: none), and its
     * body, given the version the answer reports.
     */
    public record Shown<T>(long newestSequence, LongFunction<T> body) {

        /** An answer that shows the incident's row and what hangs on it, nothing newer. */
        public static <T> Shown<T> row(T body) {
            return new Shown<>(-1, version -> body);
        }
    }

    private final IncidentLogRepository log;
    private final GenerationScope scope;
    private final ProjectedVersions versions;
    private final IncidentAccess access;

    ReadYourWrites(IncidentLogRepository log, GenerationScope scope, ProjectedVersions versions, IncidentAccess access) {
        this.log = log;
        this.scope = scope;
        this.versions = versions;
        this.access = access;
    }

    /**
     * 200 with what {@code answer} makes of the incident, and the version headers; 404 for an incident not projected
     * (after the wait for its report, with {@code minVersion}), 403 outside the user's sight, 400 for a negative
     * {@code minVersion}.
     */
    public <T> ResponseEntity<T> read(UUID id, Long minVersion, AuthenticatedUser user,
                                      Function<IncidentRecord, Shown<T>> answer) {
        Long wanted = checked(minVersion);
        Answer<T> answered;
        try (ProjectedVersions.Watch watch = versions.watch(id)) {
            // most reads find the version they ask for already projected: then one transaction answers
            Look<T> look = scope.read(() -> {
                long version = versions.current(id);
                if (wanted == null || version >= wanted) {
                    return new Look<>(answer(id, version, user, answer), true, version);
                }
                Optional<IncidentRecord> found = log.find(id);
                if (found.isPresent()) {
                    readable(found, user);
                }
                return new Look<T>(null, found.isPresent(), version);
            });
            answered = look.answer() != null ? look.answer() : afterWaiting(watch, id, wanted, look, user, answer);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(VERSION_HEADER, Long.toString(answered.version()));
        if (wanted != null) {
            response.header(CONSISTENT_HEADER, Boolean.toString(answered.version() >= wanted));
        }
        return response.body(answered.body());
    }

    private record Answer<T>(long version, T body) {
    }

    /** The first look: the answer, or whether the incident is projected at all (and then readable by the user) and its version. */
    private record Look<T>(Answer<T> answer, boolean found, long version) {
    }

    private <T> Answer<T> afterWaiting(ProjectedVersions.Watch watch, UUID id, long wanted, Look<T> look,
                                       AuthenticatedUser user, Function<IncidentRecord, Shown<T>> answer) {
        long seen = look.version();
        if (!look.found()) {
            // read right after the report: only its first event is waited for, as it is needed to authorise
            seen = watch.until(0, seen);
            readable(scope.read(() -> log.find(id)), user);
        }
        long waited = watch.until(wanted, seen);
        return scope.read(() -> answer(id, waited, user, answer));
    }

    /**
     * The answer from the incident's row as read after its version was (so at least as new as it), in the caller's
     * transaction; events applied since show too.
     */
    private <T> Answer<T> answer(UUID id, long version, AuthenticatedUser user, Function<IncidentRecord, Shown<T>> answer) {
        Shown<T> shown = answer.apply(readable(log.find(id), user));
        long shownVersion = Math.max(version, shown.newestSequence());
        return new Answer<>(shownVersion, shown.body().apply(shownVersion));
    }

    private static Long checked(Long minVersion) {
        if (minVersion != null && minVersion < 0) {
            throw Refusal.invalid("VALIDATION_FAILED", "minVersion", "must be 0 or more");
        }
        return minVersion;
    }

    private IncidentRecord readable(Optional<IncidentRecord> found, AuthenticatedUser user) {
        IncidentRecord incident = found.orElseThrow(() -> Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident"));
        access.requireReadable(user, incident.schoolId(), incident.allegationAgainstStaff(),
                incident.againstHeadTeacher());
        return incident;
    }
}
