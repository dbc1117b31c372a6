package org.safecase.web.services;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The query service's public API, as the signed-in user: what the pages read. */
@Component
public class QueryService {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(UUID incidentId, String category, String due, Instant dueAt, boolean overdue) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(UUID actionId, UUID incidentId, String category, String title, String owner, LocalDate dueOn,
                         String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Incident(UUID incidentId, String schoolId, String category, String categoryName,
                           String classification, String status, Instant occurredAt, Instant reportedAt,
                           Instant escalatedAt, String escalatedTo, Instant closedAt, int subjectCount,
                           boolean policeReferred, Instant referredAt, String outcome, boolean offSite,
                           boolean allegationAgainstStaff, int sanctionCount, boolean overdue, List<String> overdueFor,
                           long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IncidentLog(List<Incident> items, int page, int size, long total) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String userId, String role) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimelineEntry(long sequence, Instant at, Actor actor, String type, String summary, String detail) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(UUID incidentId, long version, List<TimelineEntry> entries) {
    }

    /** The incident log's filters, as the query service takes them; a blank filter is left out. */
    public record LogFilter(String status, String classification, String category, LocalDate from, LocalDate to,
                            int page, int size) {
    }

    /**
     * A school's or a trust's anonymised figures; each count is a number, or "c" where it is from 1 to the
     * threshold and not shown.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Statistics(LocalDate from, LocalDate to, LocalDate asOf, int threshold, Object total,
                             Map<String, Object> byClassification, Map<String, Object> byCategory,
                             Map<String, Object> bySubjectType, Map<String, Object> byOutcome,
                             Map<String, Object> referrals, Double medianHoursToEscalation,
                             Map<String, Object> byPeriod) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChronologyEntry(Instant at, UUID incidentId, String categoryName, String type, String summary) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chronology(List<ChronologyEntry> entries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sanction(UUID incidentId, String type, LocalDate startsOn, LocalDate endsOn, String status,
                           String categoryName) {
    }

    /** One read of case data, allowed or refused: who, when, what; never the content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Read(Instant at, String service, String userId, String role, String schoolId, String action,
                       UUID incidentId, String subjectReference, String outcome, int status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReadLog(List<Read> items, int page, int size, long total) {
    }

    /** The read log's filters, as the query service takes them; a null filter is left out. */
    public record ReadLogFilter(UUID incidentId, String subjectReference, String userId, LocalDate from, LocalDate to,
                                int page, int size) {
    }

    private final RestClient client;

    QueryService(@Qualifier("queryClient") RestClient client) {
        this.client = client;
    }

    public List<Alert> alerts() {
        return client.get().uri("/api/v1/alerts").retrieve().body(new ParameterizedTypeReference<List<Alert>>() {
        });
    }

    public List<Action> actionsOf(String owner) {
        return client.get().uri(uri -> uri.path("/api/v1/actions").queryParam("owner", owner).build()).retrieve()
                .body(new ParameterizedTypeReference<List<Action>>() {
                });
    }

    public IncidentLog log(LogFilter filter) {
        return client.get().uri(uri -> logUri(uri, filter)).retrieve().body(IncidentLog.class);
    }

    /** One incident; with {@code minVersion}, once the query side has caught up with that version (bounded). */
    public Incident incident(UUID id, Long minVersion) {
        return client.get().uri(uri -> withMinVersion(uri.path("/api/v1/incidents/{id}"), minVersion).build(id))
                .retrieve().body(Incident.class);
    }

    public Timeline timeline(UUID id, Long minVersion) {
        return client.get().uri(uri -> withMinVersion(uri.path("/api/v1/incidents/{id}/timeline"), minVersion).build(id))
                .retrieve().body(Timeline.class);
    }

    /** Everything that happened to or about one person across the school's incidents, in time order. */
    public Chronology chronology(String reference) {
        return client.get().uri("/api/v1/subjects/{reference}/chronology", reference).retrieve().body(Chronology.class);
    }

    public List<Sanction> sanctions(String reference) {
        return client.get().uri("/api/v1/subjects/{reference}/sanctions", reference).retrieve()
                .body(new ParameterizedTypeReference<List<Sanction>>() {
                });
    }

    /** Exactly one of the school and the trust is given; a null month leaves the service's default. */
    public Statistics statistics(String schoolId, String trustId, YearMonth from, YearMonth to) {
        return client.get().uri(uri -> {
            uri.path("/api/v1/statistics")
                    .queryParam(schoolId != null ? "schoolId" : "trustId", schoolId != null ? schoolId : trustId);
            if (from != null) {
                uri.queryParam("from", from.atDay(1));
            }
            if (to != null) {
                uri.queryParam("to", to.atEndOfMonth());
            }
            return uri.build();
        }).retrieve().body(Statistics.class);
    }

    /** Who read which case data, newest first; reading it is itself recorded by the query service. */
    public ReadLog readLog(ReadLogFilter filter) {
        return client.get().uri(uri -> {
            uri.path("/api/v1/access-log");
            Map<String, Object> parameters = new java.util.LinkedHashMap<>();
            parameters.put("incidentId", filter.incidentId());
            parameters.put("subjectReference", filter.subjectReference());
            parameters.put("userId", filter.userId());
            parameters.put("from", filter.from());
            parameters.put("to", filter.to());
            parameters.forEach((name, value) -> {
                if (value != null) {
                    uri.queryParam(name, value);
                }
            });
            return uri.queryParam("page", filter.page()).queryParam("size", filter.size()).build();
        }).retrieve().body(ReadLog.class);
    }

    private static UriBuilder withMinVersion(UriBuilder uri, Long minVersion) {
        return minVersion == null ? uri : uri.queryParam("minVersion", minVersion);
    }

    private static URI logUri(UriBuilder uri, LogFilter filter) {
        uri.path("/api/v1/incidents");
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("status", filter.status());
        parameters.put("classification", filter.classification());
        parameters.put("category", filter.category());
        parameters.put("from", filter.from());
        parameters.put("to", filter.to());
        parameters.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                uri.queryParam(name, value);
            }
        });
        return uri.queryParam("page", filter.page()).queryParam("size", filter.size()).build();
    }
}
