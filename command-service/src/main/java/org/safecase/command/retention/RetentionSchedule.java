package org.safecase.command.retention;

import org.safecase.events.Classification;
import org.safecase.events.SubjectType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every incident's retention date, as the rules give it today: what is due, and by which rule. */
@Component
public class RetentionSchedule {

    /** An incident whose retention ends on {@code dueOn}: identifiers and codes only, never personal data. */
    public record DueIncident(UUID incidentId, String schoolId, String category, String rule, LocalDate dueOn,
                              boolean closed, boolean legalHold) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RetentionRules rules;

    RetentionSchedule(JdbcTemplate jdbc, RetentionRules rules) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.rules = rules;
    }

    /** The incidents of these schools, not yet disposed of, whose retention ends on or before {@code asOf}. */
    public List<DueIncident> due(Set<String> schools, LocalDate asOf) {
        return facts(schools, null).stream().map(this::withDate).filter(due -> !due.dueOn().isAfter(asOf))
                .sorted(Comparator.comparing(DueIncident::dueOn).thenComparing(DueIncident::incidentId)).toList();
    }

    /** One incident's retention, if it is known and not disposed of. */
    public Optional<DueIncident> of(UUID incidentId) {
        return facts(null, incidentId).stream().findFirst().map(this::withDate);
    }

    private DueIncident withDate(RetentionFacts facts) {
        RetentionRules.Due due = rules.dueOf(facts);
        return new DueIncident(facts.incidentId(), facts.schoolId(), facts.categoryCode(), due.rule(), due.dueOn(),
                facts.closed(), facts.legalHold());
    }

    private List<RetentionFacts> facts(Set<String> schools, UUID incidentId) {
        if (schools != null && schools.isEmpty()) {
            return List.of();
        }
        String where = schools != null ? "i.school_id IN (:schools)" : "i.incident_id = :incident";
        Map<UUID, RetentionFacts> byIncident = new LinkedHashMap<>();
        jdbc.query("""
                SELECT i.incident_id, i.school_id, i.category_code, i.classification, i.allegation_against_staff,
                       i.occurred_on, i.reported_on, i.closed, i.legal_hold, s.subject_type, s.born_on
                FROM retention_incident i LEFT JOIN retention_subject s ON s.incident_id = i.incident_id
                WHERE i.disposed_on IS NULL AND %s
                ORDER BY i.incident_id""".formatted(where),
                new MapSqlParameterSource().addValue("schools", schools).addValue("incident", incidentId),
                rs -> {
                    UUID id = rs.getObject("incident_id", UUID.class);
                    if (!byIncident.containsKey(id)) {
                        byIncident.put(id, new RetentionFacts(id, rs.getString("school_id"), rs.getString("category_code"),
                                Classification.valueOf(rs.getString("classification")),
                                rs.getBoolean("allegation_against_staff"), rs.getObject("occurred_on", LocalDate.class),
                                rs.getObject("reported_on", LocalDate.class), rs.getBoolean("closed"),
                                rs.getBoolean("legal_hold"), new ArrayList<>()));
                    }
                    String type = rs.getString("subject_type");
                    if (type != null) {
                        byIncident.get(id).subjects().add(new RetentionFacts.SubjectFacts(SubjectType.valueOf(type),
                                rs.getObject("born_on", LocalDate.class)));
                    }
                });
        return List.copyOf(byIncident.values());
    }
}
