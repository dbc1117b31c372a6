package org.safecase.query.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.events.Role;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.IncidentAccess;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** The DSL's day: what needs them now, and the actions across incidents (package alert). */
@RestController
class AlertsController {

    private static final Set<String> STATUSES = Set.of("OPEN", "OVERDUE", "DONE");

    private final Alerts alerts;
    private final IncidentAccess access;
    private final Clock clock;

    AlertsController(Alerts alerts, IncidentAccess access, Clock clock) {
        this.alerts = alerts;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "What needs a designated lead now", description = """
            Every duty an open incident of the school owes, due first, content-free: `due` names it (ESCALATION, \
            POLICE_REFERRAL, POLICE_DECISION, HEAD_TEACHER_INFORMED, IWF_REPORT, CHILDRENS_SERVICES_DECISION, \
            PREVENT_DECISION, LA_SAFEGUARDING_DECISION, LADO_DECISION, PARENT_CONTACT, ACTION), `dueAt` is when its \
            clock runs out (IMMEDIATELY = one hour; N working days = by the end of the Nth school day after, England \
            and Wales bank holidays excluded), `overdue` whether that has passed. DSLs and head teachers of the \
            school; allegations against staff for the head teacher only.""")
    List<AlertView> alerts(@Parameter(description = "the user's own school; optional") @RequestParam(required = false)
                           String schoolId, AuthenticatedUser user) {
        Set<String> schools = access.readableSchools(user, schoolId);
        return alerts.of(schools, access.sight(user), clock.instant()).stream()
                .map(a -> new AlertView(a.incidentId(), a.category(), a.due(), a.dueAt(), a.overdue())).toList();
    }

    @GetMapping(path = "/api/v1/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Actions across incidents", description = """
            The actions of the school's incidents, due first. `status`: OPEN (not done, its day not over), OVERDUE \
            (not done, its day over) or DONE; without it, those not done. DSLs and head teachers read every action of \
            their school (allegations against staff: the head teacher only) and may filter by `owner`; a member of \
            staff reads only their own.""")
    List<Alerts.ActionView> actions(@RequestParam(required = false) String owner,
                                    @RequestParam(required = false) String status, AuthenticatedUser user) {
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid("INVALID_STATUS", "status", "must be OPEN, OVERDUE or DONE");
        }
        String ownerSought = owner == null || owner.isBlank() ? null : owner;
        if (user.role() == Role.STAFF) {
            if (ownerSought != null && !ownerSought.equals(user.userId())) {
                throw Refusal.forbidden("OWN_ACTIONS_ONLY", "A member of staff reads only the actions they own");
            }
            ownerSought = user.userId();
        }
        Set<String> schools = user.schoolId() == null ? Set.of() : Set.of(user.schoolId());
        return alerts.actions(schools, ownerSought, status, AccessRules.sightOfStaffAllegations(user.role()),
                clock.instant());
    }

    /** An alert as the contract has it: content-free. */
    record AlertView(java.util.UUID incidentId, String category, String due, java.time.Instant dueAt, boolean overdue) {
    }
}
