package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.query.request.RequestParameters;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The filters of the incident log, checked. {@code from} and {@code to} bound the time the incident
 * <em>occurred</em>: each is an instant ({@code 2026-11-20T10:15:00Z}) or a date ({@code 2026-11-20},
 * a day in the schools' time zone). {@code from} is inclusive; {@code to} is exclusive as an instant and
 * inclusive as a date (the whole day).
 */
record IncidentLogQuery(Status status, Classification classification, String category, Instant from, Instant to,
                        int page, int size) {

    enum Status { OPEN, CLOSED }

    static IncidentLogQuery parse(String status, String classification, String category, String from, String to,
                                  String page, String size, ZoneId zone) {
        RequestParameters.Period period = RequestParameters.period(from, to, zone);
        RequestParameters.Paging paging = RequestParameters.paging(page, size);
        return new IncidentLogQuery(RequestParameters.constant("status", status, Status.class),
                RequestParameters.constant("classification", classification, Classification.class),
                RequestParameters.optional(category), period.from(), period.to(), paging.page(), paging.size());
    }
}
