package org.safecase.query.incident;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReported;
import org.safecase.query.projection.DecodedEvent;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The incident log: one row per incident, from its report to its latest event. A poll's events are folded into each
 * incident's row (read once, after the writer has locked the incident's checkpoint) and the row is written once.
 */
@Component
@Order(10)
class IncidentLogProjection implements IncidentProjection {

    private record Applied(IncidentEvent event, long sequence) {
    }

    private final IncidentLogRepository log;

    IncidentLogProjection(IncidentLogRepository log) {
        this.log = log;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        fold(List.of(new Applied(event, envelope.sequence())));
    }

    @Override
    public void applyAll(List<DecodedEvent> events) {
        fold(events.stream().map(event -> new Applied(event.event(), event.sequence())).toList());
    }

    /** An event of an incident whose report was never applied (dead-lettered) changes nothing, as before its report. */
    private void fold(List<Applied> events) {
        Map<UUID, IncidentLogRow> rows = log.rows(events.stream().map(applied -> applied.event().incidentId())
                .distinct().toList());
        Map<UUID, IncidentLogRow> changed = new LinkedHashMap<>();
        for (Applied applied : events) {
            UUID id = applied.event().incidentId();
            IncidentLogRow row = rows.get(id);
            if (applied.event() instanceof IncidentReported reported) {
                if (row == null) {
                    row = IncidentLogRow.reported(reported, applied.sequence());
                    rows.put(id, row);
                    changed.put(id, row);
                }
            } else if (row != null) {
                row.apply(applied.event(), applied.sequence());
                changed.put(id, row);
            }
        }
        log.save(changed.values());
    }
}
