package org.safecase.query.statistics;

import org.safecase.events.CategoryRef;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectType;
import org.safecase.query.projection.IncidentProjection;
import org.safecase.query.statistics.StatisticsRepository.Counter;
import org.safecase.query.statistics.StatisticsRepository.Tracked;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The governor statistics (R21, R27): counters per school, month of report, and classification,
 * category, subject type, outcome and referral target, those of allegations against staff kept apart (R12). Reads nothing personal from the events (no
 * names, references, year groups or text), so an event whose personal fields are erased counts the same.
 */
@Component
@Order(40)
class StatisticsProjection implements IncidentProjection {

    static final String POLICE = "POLICE";

    private final StatisticsRepository repository;
    private final ZoneId zone;

    StatisticsProjection(StatisticsRepository repository, StatisticsProperties properties) {
        this.repository = repository;
        this.zone = properties.zone();
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        if (event instanceof IncidentReported reported) {
            reported(reported);
        } else if (event instanceof IncidentReclassified reclassified) {
            reclassified(reclassified);
        } else if (event instanceof IncidentEscalated escalated) {
            repository.escalated(escalated.incidentId(), escalated.recordedAt(), month(escalated.recordedAt()));
        } else if (event instanceof PoliceReferralMade referral) {
            referred(referral.incidentId(), POLICE, referral.recordedAt());
        } else if (event instanceof ExternalReferralRecorded referral && referral.decision() == ReferralDecision.REFERRED
                && referral.agency() != null) {
            referred(referral.incidentId(), referral.agency().name(), referral.recordedAt());
        } else if (event instanceof IncidentClosed closed) {
            closed(closed);
        } else if (event instanceof IncidentReopened reopened) {
            reopened(reopened);
        } else if (event instanceof SubjectAdded added && added.subject() != null) {
            subjects(added.incidentId(), added.subject().type(), 1L, added.recordedAt());
        } else if (event instanceof SubjectRemoved removed) {
            // recorded by mistake: the person was never in it, so they no longer count
            subjects(removed.incidentId(), removed.subjectType(), -1L, removed.recordedAt());
        }
        // notes, sanctions, support, parent contacts, actions, evidence and devices are not in the statistics:
        // nothing is published that is not counted, anonymised and suppressed as the rest (R21)
    }

    private void reported(IncidentReported reported) {
        CategoryRef category = Objects.requireNonNull(reported.category(), "an incident is reported with a category");
        LocalDate period = month(reported.recordedAt());
        String classification = category.classification().name();
        if (!repository.track(reported.incidentId(), reported.schoolId(), period, reported.recordedAt(),
                classification, category.code(), reported.allegationAgainstStaff())) {
            return;
        }
        Map<Counter, Long> changes = new HashMap<>();
        changes.put(new Counter(Dimension.INCIDENTS, "", ""), 1L);
        changes.put(new Counter(Dimension.CLASSIFICATION, "", classification), 1L);
        changes.put(new Counter(Dimension.CATEGORY, classification, category.code()), 1L);
        if (reported.subjects() != null) {
            for (Subject subject : reported.subjects()) {
                if (subject != null) {
                    SubjectType type = subject.type() == null ? SubjectType.UNKNOWN : subject.type();
                    changes.merge(new Counter(Dimension.SUBJECT_TYPE, "", type.name()), 1L, Long::sum);
                }
            }
        }
        repository.add(reported.schoolId(), period, period, reported.allegationAgainstStaff(), changes);
    }

    /** Moves the incident from its old classification and category to the new ones. */
    private void reclassified(IncidentReclassified reclassified) {
        CategoryRef to = reclassified.to();
        if (to == null) {
            return;
        }
        repository.lock(reclassified.incidentId()).ifPresent(tracked -> {
            String classification = to.classification().name();
            repository.reclassify(reclassified.incidentId(), classification, to.code());
            Map<Counter, Long> changes = new HashMap<>();
            changes.merge(new Counter(Dimension.CLASSIFICATION, "", tracked.classification()), -1L, Long::sum);
            changes.merge(new Counter(Dimension.CLASSIFICATION, "", classification), 1L, Long::sum);
            changes.merge(new Counter(Dimension.CATEGORY, tracked.classification(), tracked.category()), -1L, Long::sum);
            changes.merge(new Counter(Dimension.CATEGORY, classification, to.code()), 1L, Long::sum);
            add(tracked, reclassified.recordedAt(), changes);
        });
    }

    /** A person added to, or removed from, an incident: the subject-type count follows. */
    private void subjects(UUID incidentId, SubjectType type, long change, Instant at) {
        repository.lock(incidentId).ifPresent(tracked -> add(tracked, at,
                Map.of(new Counter(Dimension.SUBJECT_TYPE, "", (type == null ? SubjectType.UNKNOWN : type).name()), change)));
    }

    /** Counts each incident once per target, however many events say it was referred there. */
    private void referred(UUID incidentId, String target, Instant at) {
        repository.referredFirstTime(incidentId, target).ifPresent(tracked ->
                add(tracked, at, Map.of(new Counter(Dimension.REFERRAL, "", target), 1L)));
    }

    /** Counts the outcome an incident is closed with; if it was closed before (without a reopening), that one no longer. */
    private void closed(IncidentClosed closed) {
        String outcome = closed.outcome() == null ? null : closed.outcome().name();
        repository.lock(closed.incidentId()).ifPresent(tracked -> {
            repository.setOutcome(closed.incidentId(), outcome);
            Map<Counter, Long> changes = new HashMap<>();
            if (tracked.outcome() != null) {
                changes.merge(new Counter(Dimension.OUTCOME, "", tracked.outcome()), -1L, Long::sum);
            }
            if (outcome != null) {
                changes.merge(new Counter(Dimension.OUTCOME, "", outcome), 1L, Long::sum);
            }
            add(tracked, closed.recordedAt(), changes);
        });
    }

    /** A reopened incident is open again: its earlier outcome is taken away, so only its final one counts. */
    private void reopened(IncidentReopened reopened) {
        repository.lock(reopened.incidentId()).ifPresent(tracked -> {
            if (tracked.outcome() == null) {
                return;
            }
            repository.setOutcome(reopened.incidentId(), null);
            add(tracked, reopened.recordedAt(), Map.of(new Counter(Dimension.OUTCOME, "", tracked.outcome()), -1L));
        });
    }

    /** Files a later change under the month it was recorded, never before the month of the report. */
    private void add(Tracked tracked, Instant at, Map<Counter, Long> changes) {
        LocalDate recordedIn = month(at);
        if (recordedIn.isBefore(tracked.period())) {
            recordedIn = tracked.period();
        }
        repository.add(tracked.schoolId(), tracked.period(), recordedIn, tracked.staffAllegation(), changes);
    }

    private LocalDate month(Instant at) {
        return at.atZone(zone).toLocalDate().withDayOfMonth(1);
    }
}
