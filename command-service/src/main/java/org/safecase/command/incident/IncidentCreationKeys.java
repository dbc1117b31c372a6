package org.safecase.command.incident;

import org.safecase.events.Source;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys a report may be retried with. Claiming them inside the report's own transaction makes a
 * concurrent retry wait on the unique key until the first report commits, then find its incident.
 */
@Component
class IncidentCreationKeys {

    private final JdbcTemplate jdbc;

    IncidentCreationKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the keys for a new incident, or answers the incident one of them already names. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<UUID> claim(String schoolId, String idempotencyKey, Source source, UUID candidate) {
        List<String[]> keys = new ArrayList<>();
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            keys.add(new String[]{"IDEMPOTENCY", idempotencyKey});
        }
        if (source != null) {
            keys.add(new String[]{"SOURCE", source.system() + "\u001f" + source.reference()});
        }
        for (String[] key : keys) {
            int inserted = jdbc.update("""
                    INSERT INTO incident_creation_key (school_id, key_kind, key_value, incident_id)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", schoolId, key[0], key[1], candidate);
            if (inserted == 0) {
                return Optional.of(jdbc.queryForObject("""
                        SELECT incident_id FROM incident_creation_key
                        WHERE school_id = ? AND key_kind = ? AND key_value = ?""", UUID.class, schoolId, key[0], key[1]));
            }
        }
        return Optional.empty();
    }
}
