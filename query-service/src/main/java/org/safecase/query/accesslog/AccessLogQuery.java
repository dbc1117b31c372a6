package org.safecase.query.accesslog;

import org.safecase.query.request.RequestParameters;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The filters of the read log, checked as the incident log checks its own: {@code from} and {@code to}
 * bound when the read happened, each an instant or a date (a day in the schools' time zone); {@code from}
 * is inclusive, {@code to} exclusive as an instant and inclusive as a date.
 */
record AccessLogQuery(UUID incidentId, String subjectReference, String userId, Instant from, Instant to, int page,
                      int size) {

    static AccessLogQuery parse(String incidentId, String subjectReference, String userId, String from, String to,
                                String page, String size, ZoneId zone) {
        RequestParameters.Period period = RequestParameters.period(from, to, zone);
        RequestParameters.Paging paging = RequestParameters.paging(page, size);
        String incident = RequestParameters.optional(incidentId);
        return new AccessLogQuery(incident == null ? null : uuid(incident),
                RequestParameters.optional(subjectReference), RequestParameters.optional(userId),
                period.from(), period.to(), paging.page(), paging.size());
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RequestParameters.invalid("incidentId", "must be an incident id (a UUID)");
        }
    }
}
