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
import org.safecase.query.projection.DecodedEvent;
import org.safecase.query.projection.IncidentProjection;
import org.safecase.query.statistics.StatisticsRepository.Counter;
import org.safecase.query.statistics.StatisticsRepository.Tracked;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
        apply(event, repository.lockAll(List.of(event.incidentId())));
    }

    /** A poll's events, with its incidents' bookkeeping rows locked and read once, then followed as they change. */
    @Override
    public void applyAll(List<DecodedEvent> events) {
        Map<UUID, Tracked> tracked = repository.lockAll(events.stream().map(DecodedEvent::incidentId).distinct().toList());
        for (DecodedEvent event : events) {
            apply(event.event(), tracked);
        }
    }

    private void apply(IncidentEvent event, Map<UUID, Tracked> tracked) {
        if (event instanceof IncidentReported reported) {
            reported(reported, tracked);
            return;
        }
        Tracked incident = tracked.get(event.incidentId());
        if (incident == null) {
            return; // its report was never applied (dead-lettered): nothing of it is counted
        }
        if (event instanceof IncidentReclassified reclassified) {
            reclassified(reclassified, incident, tracked);
        } else if (event instanceof IncidentEscalated escalated) {
            repository.escalated(escalated.incidentId(), escalated.recordedAt(), month(escalated.recordedAt()));
        } else if (event instanceof PoliceReferralMade referral) {
            referred(referral.incidentId(), POLICE, referral.recordedAt(), incident, tracked);
        } else if (event instanceof ExternalReferralRecorded referral && referral.decision() == ReferralDecision.REFERRED
                && referral.agency() != null) {
            referred(referral.incidentId(), referral.agency().name(), referral.recordedAt(), incident, tracked);
        } else if (event instanceof IncidentClosed closed) {
            closed(closed, incident, tracked);
        } else if (event instanceof IncidentReopened reopened) {
            reopened(reopened, incident, tracked);
        } else if (event instanceof SubjectAdded added && added.subject() != null) {
            subjects(added.subject().type(), 1L, added.recordedAt(), incident);
        } else if (event instanceof SubjectRemoved removed) {
            // recorded by mistake: the person was never in it, so they no longer count
            subjects(removed.subjectType(), -1L, removed.recordedAt(), incident);
        }
        // notes, sanctions, support, parent contacts, actions, evidence and devices are not in the statistics:
        // nothing is published that is not counted, anonymised and suppressed as the rest (R21)
    }

    /** Counts an incident's report once, however often it is seen. */
    private void reported(IncidentReported reported, Map<UUID, Tracked> tracked) {
        if (tracked.containsKey(reported.incidentId())) {
            return;
        }
        CategoryRef category = Objects.requireNonNull(reported.category(), "an incident is reported with a category");
        LocalDate period = month(reported.recordedAt());
        String classification = category.classification().name();
        Tracked incident = new Tracked(reported.schoolId(), period, classification, category.code(), null,
                reported.allegationAgainstStaff(), Set.of());
        repository.track(reported.incidentId(), reported.recordedAt(), incident);
        tracked.put(reported.incidentId(), incident);
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
    private void reclassified(IncidentReclassified reclassified, Tracked incident, Map<UUID, Tracked> tracked) {
        CategoryRef to = reclassified.to();
        if (to == null) {
            return;
        }
        String classification = to.classification().name();
        repository.reclassify(reclassified.incidentId(), classification, to.code());
        tracked.put(reclassified.incidentId(), incident.reclassified(classification, to.code()));
        Map<Counter, Long> changes = new HashMap<>();
        changes.merge(new Counter(Dimension.CLASSIFICATION, "", incident.classification()), -1L, Long::sum);
        changes.merge(new Counter(Dimension.CLASSIFICATION, "", classification), 1L, Long::sum);
        changes.merge(new Counter(Dimension.CATEGORY, incident.classification(), incident.category()), -1L, Long::sum);
        changes.merge(new Counter(Dimension.CATEGORY, classification, to.code()), 1L, Long::sum);
        add(incident, reclassified.recordedAt(), changes);
    }

    /** A person added to, or removed from, an incident: the subject-type count follows. */
    private void subjects(SubjectType type, long change, Instant at, Tracked incident) {
        add(incident, at, Map.of(new Counter(Dimension.SUBJECT_TYPE, "", (type == null ? SubjectType.UNKNOWN : type).name()),
                change));
    }

    /** Counts each incident once per target, however many events say it was referred there. */
    private void referred(UUID incidentId, String target, Instant at, Tracked incident, Map<UUID, Tracked> tracked) {
        if (incident.referredTo().contains(target)) {
            return;
        }
        repository.referred(incidentId, target);
        tracked.put(incidentId, incident.referred(target));
        add(incident, at, Map.of(new Counter(Dimension.REFERRAL, "", target), 1L));
    }

    /** Counts the outcome an incident is closed with; if it was closed before (without a reopening), that one no longer. */
    private void closed(IncidentClosed closed, Tracked incident, Map<UUID, Tracked> tracked) {
        String outcome = closed.outcome() == null ? null : closed.outcome().name();
        repository.setOutcome(closed.incidentId(), outcome);
        tracked.put(closed.incidentId(), incident.closed(outcome));
        Map<Counter, Long> changes = new HashMap<>();
        if (incident.outcome() != null) {
            changes.merge(new Counter(Dimension.OUTCOME, "", incident.outcome()), -1L, Long::sum);
        }
        if (outcome != null) {
            changes.merge(new Counter(Dimension.OUTCOME, "", outcome), 1L, Long::sum);
        }
        add(incident, closed.recordedAt(), changes);
    }

    /** A reopened incident is open again: its earlier outcome is taken away, so only its final one counts. */
    private void reopened(IncidentReopened reopened, Tracked incident, Map<UUID, Tracked> tracked) {
        if (incident.outcome() == null) {
            return;
        }
        repository.setOutcome(reopened.incidentId(), null);
        tracked.put(reopened.incidentId(), incident.closed(null));
        add(incident, reopened.recordedAt(), Map.of(new Counter(Dimension.OUTCOME, "", incident.outcome()), -1L));
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
