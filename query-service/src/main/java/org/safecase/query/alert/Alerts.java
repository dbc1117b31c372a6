package org.safecase.query.alert;

import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.projection.GenerationScope;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What needs a lead now, and the actions across incidents, from the active generation of the read models. */
@Service
class Alerts implements AlertSource {

    /** An action as the contract lists it: OPEN until its day is over, then OVERDUE, DONE once completed. */
    record ActionView(java.util.UUID actionId, java.util.UUID incidentId, String category, String title, String owner,
                      LocalDate dueOn, String status, Instant assignedAt, String assignedBy, Instant completedAt,
                      String note) {
    }

    private final DutyRepository duties;
    private final GenerationScope scope;
    private final WorkingDays workingDays;

    Alerts(DutyRepository duties, GenerationScope scope, WorkingDays workingDays) {
        this.duties = duties;
        this.scope = scope;
        this.workingDays = workingDays;
    }

    /**
     * The alerts a school's webhook receives: none of an allegation against staff (R12). Content-free as an alert is,
     * its category and incident still tell that an allegation exists, and the school's receiving system is read by
     * people who may not know it (a DSL, or the head teacher when the allegation is against them): its case manager
     * reads those alerts at {@code GET /api/v1/alerts}.
     */
    @Override
    public List<Alert> current(String schoolId, Instant now) {
        return of(Set.of(schoolId), StaffAllegationSight.NONE, now);
    }

    List<Alert> of(Collection<String> schools, StaffAllegationSight sight, Instant now) {
        return scope.read(() -> duties.openDuties(schools, sight)).stream()
                .map(d -> new Alert(d.incidentId() + ":" + d.dutyKey(), d.incidentId(), d.schoolId(), d.category(),
                        d.due(), d.dueAt(), now.isAfter(d.dueAt())))
                .toList();
    }

    List<ActionView> actions(Collection<String> schools, String owner, String status, StaffAllegationSight sight,
                             Instant now) {
        return scope.read(() -> duties.actions(schools, owner, sight)).stream()
                .map(a -> new ActionView(a.actionId(), a.incidentId(), a.category(), a.title(), a.owner(), a.dueOn(),
                        a.completedAt() != null ? "DONE" : now.isAfter(workingDays.endOf(a.dueOn())) ? "OVERDUE" : "OPEN",
                        a.assignedAt(), a.assignedBy(), a.completedAt(), a.completionNote()))
                .filter(a -> status == null ? !a.status().equals("DONE") : a.status().equals(status))
                .toList();
    }
}
