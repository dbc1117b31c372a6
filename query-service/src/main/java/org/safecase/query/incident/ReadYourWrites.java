package org.safecase.query.incident;

import org.safecase.platform.problem.Refusal;
import org.safecase.query.projection.ProjectedVersions;
import org.springframework.http.ResponseEntity;

/** The response headers that tell a client which version of an incident it reads. */
public final class ReadYourWrites {

    /** The incident's version this answer shows ({@code -1}: nothing projected yet). */
    public static final String VERSION_HEADER = "Safecase-Projection-Version";
    /** With {@code minVersion}: whether the answer shows at least that version. */
    public static final String CONSISTENT_HEADER = "Safecase-Consistent";

    private ReadYourWrites() {
    }

    public static Long checked(Long minVersion) {
        if (minVersion != null && minVersion < 0) {
            throw Refusal.invalid("VALIDATION_FAILED", "minVersion", "must be 0 or more");
        }
        return minVersion;
    }

    public static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response,
                                                     ProjectedVersions.ProjectedVersion version, Long minVersion) {
        response.header(VERSION_HEADER, Long.toString(version.version()));
        if (minVersion != null) {
            response.header(CONSISTENT_HEADER, Boolean.toString(version.consistent()));
        }
        return response;
    }
}
