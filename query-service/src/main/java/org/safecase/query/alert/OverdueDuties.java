package org.safecase.query.alert;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each open incident is overdue for now (R18), by the same duties and clocks as the alerts: the incident log's
 * {@code overdue} and {@code overdueFor}. Never stored: it depends on the time of the read.
 */
@Component
public class OverdueDuties {

    private final DutyRepository duties;
    private final Clock clock;

    OverdueDuties(DutyRepository duties, Clock clock) {
        this.duties = duties;
        this.clock = clock;
    }

    /** For each of the incidents overdue for something, the duties it is overdue for, in the order they fell due. */
    public Map<UUID, List<String>> of(Collection<UUID> incidentIds) {
        return duties.overdue(incidentIds, clock.instant());
    }
}
