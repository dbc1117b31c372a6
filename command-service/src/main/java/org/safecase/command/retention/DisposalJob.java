package org.safecase.command.retention;

import org.safecase.command.dataprotection.IncidentDisposal;
import org.safecase.events.Role;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Once a day, lists the incidents whose retention has ended; switched on
 * ({@code safecase.retention.disposal.enabled}), disposes of every closed one not under legal hold, as
 * the trust's data protection officer by rule. Off by default: the guidance says "then review", so a DPO
 * decides before anything is destroyed. Logs counts and identifiers only.
 */
@Component
class DisposalJob {

    private static final Logger log = LoggerFactory.getLogger(DisposalJob.class);
    static final String ACTOR = "retention-job";

    private final RetentionSchedule schedule;
    private final IncidentDisposal disposal;
    private final SchoolDirectory schools;
    private final Clock clock;
    private final ZoneId zone;
    private final boolean enabled;

    DisposalJob(RetentionSchedule schedule, IncidentDisposal disposal, SchoolDirectory schools, Clock clock,
                @Value("${safecase.retention.zone:Europe/London}") ZoneId zone,
                @Value("${safecase.retention.disposal.enabled:false}") boolean enabled) {
        this.schedule = schedule;
        this.disposal = disposal;
        this.schools = schools;
        this.clock = clock;
        this.zone = zone;
        this.enabled = enabled;
    }

    @Scheduled(cron = "${safecase.retention.disposal.cron:0 30 2 * * *}", zone = "${safecase.retention.zone:Europe/London}")
    void daily() {
        run(LocalDate.now(clock.withZone(zone)));
    }

    /** What was due and what was disposed of, as of the given day. */
    record Outcome(int due, int disposed, int held, int open) {
    }

    Outcome run(LocalDate today) {
        int disposed = 0;
        int held = 0;
        int open = 0;
        List<RetentionSchedule.DueIncident> due = schedule.due(schools.allSchools(), today);
        for (RetentionSchedule.DueIncident incident : due) {
            if (incident.legalHold()) {
                held++;
            } else if (!incident.closed()) {
                open++;
            } else if (enabled) {
                String trust = schools.trustOf(incident.schoolId()).orElse(null);
                AuthenticatedUser job = new AuthenticatedUser(ACTOR, Role.DPO, trust == null ? incident.schoolId() : null, trust);
                try {
                    disposal.dispose(incident.incidentId(), "Retention ended under rule " + incident.rule()
                            + " on " + incident.dueOn(), job);
                    disposed++;
                } catch (Refusal refusal) {
                    log.warn("Disposal of incident {} refused: {}", incident.incidentId(), refusal.rule());
                }
            }
        }
        log.info("Retention as of {}: {} incidents due, {} disposed of, {} under legal hold, {} still open{}", today,
                due.size(), disposed, held, open, enabled ? "" : " (disposal is off: listed only)");
        return new Outcome(due.size(), disposed, held, open);
    }
}
