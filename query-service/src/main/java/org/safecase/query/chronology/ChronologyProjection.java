package org.safecase.query.chronology;

import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.DeviceSeized;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportProvided;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReported;
import org.safecase.events.Involvement;
import org.safecase.events.SanctionApplied;
import org.safecase.events.Sealed;
import org.safecase.events.Subject;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.FieldOpener;
import org.safecase.query.chronology.ChronologyRepository.Person;
import org.safecase.query.projection.DecodedEvent;
import org.safecase.query.projection.IncidentProjection;
import org.safecase.query.timeline.TimelineSummaries;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The child's file (seed 002, R16): every person's part in each incident of their school and what
 * happened in it, in time order. The report is on the file of each person in it, with their part and the
 * others by role word only; a sanction, support, a parent contact or a seized device only on the file of the
 * person it is about; the incident's tasks (actions) on no one's; the incident's own events
 * (escalations, referrals, notes, reclassification, closure, reopening) on the file of everyone in it.
 * Nothing personal is opened: summaries are coded facts, so erasing a person deletes their entries and
 * disposing of an incident replaces its entries by one line, and a rebuild reads exactly as the scrub.
 */
@Component
@Order(50)
class ChronologyProjection implements IncidentProjection {

    /** Summaries of coded facts only: no field is ever opened for the chronology. */
    private static final FieldOpener NOTHING_OPENED = new FieldOpener() {
        @Override
        public String open(UUID incidentId, String field, Sealed sealed) {
            return null;
        }

        @Override
        public String openFor(UUID incidentId, UUID subjectId, String field, Sealed sealed) {
            return null;
        }
    };

    private final ChronologyRepository chronology;

    ChronologyProjection(ChronologyRepository chronology) {
        this.chronology = chronology;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        apply(envelope, event, chronology.people(List.of(envelope.incidentId())));
    }

    /** A poll's events, with the people of its incidents read once and then followed as the events change them. */
    @Override
    public void applyAll(List<DecodedEvent> events) {
        Map<UUID, Map<UUID, Person>> people = chronology.people(events.stream().map(DecodedEvent::incidentId)
                .distinct().toList());
        for (DecodedEvent event : events) {
            apply(event.envelope(), event.event(), people);
        }
    }

    private void apply(IncidentEventEnvelope envelope, IncidentEvent event, Map<UUID, Map<UUID, Person>> everyone) {
        UUID incidentId = envelope.incidentId();
        Map<UUID, Person> people = everyone.computeIfAbsent(incidentId, id -> new LinkedHashMap<>());
        long sequence = envelope.sequence();
        String type = envelope.type();
        if (event instanceof IncidentReported reported) {
            for (Subject subject : reported.subjects()) {
                if (subject.subjectId() != null && people.putIfAbsent(subject.subjectId(), Person.of(reported, subject)) == null) {
                    chronology.addPerson(incidentId, people.get(subject.subjectId()));
                }
            }
            String summary = TimelineSummaries.of(reported, NOTHING_OPENED).summary();
            // when it happened to the child, not when it was typed in
            Instant at = reported.occurredAt() != null ? reported.occurredAt() : envelope.recordedAt();
            for (Subject subject : reported.subjects()) {
                if (subject.subjectId() != null) {
                    addFor(incidentId, people.get(subject.subjectId()), sequence, at, type,
                            summary + ". " + parts(subject, reported.subjects()));
                }
            }
        } else if (event instanceof SanctionApplied sanction) {
            if (sanction.subjectId() != null) {
                addFor(incidentId, people.get(sanction.subjectId()), sequence, envelope.recordedAt(), type,
                        TimelineSummaries.of(sanction, NOTHING_OPENED).summary());
            }
        } else if (event instanceof ParentContactRecorded || event instanceof SupportProvided
                || event instanceof DeviceSeized) {
            // about one person: on their file only, as a sanction is
            TimelineSummaries.Entry entry = TimelineSummaries.of(event, NOTHING_OPENED);
            if (entry.subjectId() != null) {
                addFor(incidentId, people.get(entry.subjectId()), sequence, envelope.recordedAt(), type, entry.summary());
            }
        } else if (event instanceof ActionAssigned || event instanceof ActionCompleted) {
            // the school's tasks, not a fact of the child's life: on the case and in the actions list, not the file
            return;
        } else if (event instanceof SubjectErased erased) {
            chronology.forgetSubject(incidentId, erased.subjectId());
            people.remove(erased.subjectId());
            addForEveryone(incidentId, people, sequence, envelope.recordedAt(), type,
                    "Another person's personal data was erased");
        } else if (event instanceof SubjectAdded added && added.subject() != null
                && added.subject().subjectId() != null) {
            // the others' files say someone was added (by role word); the added person's file gets the incident
            String summary = TimelineSummaries.of(added, NOTHING_OPENED).summary();
            addForEveryone(incidentId, people, sequence, envelope.recordedAt(), type, summary);
            // with the incident's category and routing as its other people have them: none left on record, not added
            UUID subjectId = added.subject().subjectId();
            if (!people.isEmpty() && !people.containsKey(subjectId)) {
                Person person = people.values().iterator().next().another(added.subject());
                people.put(subjectId, person);
                chronology.addPerson(incidentId, person);
            }
            addFor(incidentId, people.get(subjectId), sequence, envelope.recordedAt(), type,
                    "Added to the incident. Their part: " + involvement(added.subject().involvement()) + ".");
        } else if (event instanceof SubjectRemoved removed) {
            // recorded by mistake: the incident was never part of their file; the others' files say someone was removed
            chronology.forgetSubject(incidentId, removed.subjectId());
            people.remove(removed.subjectId());
            addForEveryone(incidentId, people, sequence, envelope.recordedAt(), type,
                    TimelineSummaries.of(removed, NOTHING_OPENED).summary());
        } else if (event instanceof IncidentDisposed disposed) {
            chronology.forgetIncident(incidentId);
            addForEveryone(incidentId, people, sequence, envelope.recordedAt(), type,
                    TimelineSummaries.of(disposed, NOTHING_OPENED).summary());
        } else {
            if (event instanceof IncidentReclassified reclassified) {
                chronology.reclassify(incidentId, reclassified.to());
                people.replaceAll((subjectId, person) -> person.reclassified(reclassified.to()));
            }
            addForEveryone(incidentId, people, sequence, envelope.recordedAt(), type,
                    TimelineSummaries.of(event, NOTHING_OPENED).summary());
        }
    }

    /** An entry on the file of one person of the incident (nothing if they are not on record in it). */
    private void addFor(UUID incidentId, Person person, long sequence, Instant at, String type, String summary) {
        if (person != null) {
            chronology.addEntry(incidentId, person, sequence, at, type, summary);
        }
    }

    /** An entry on the file of every person of the incident. */
    private void addForEveryone(UUID incidentId, Map<UUID, Person> people, long sequence, Instant at, String type,
                                String summary) {
        for (Person person : people.values()) {
            chronology.addEntry(incidentId, person, sequence, at, type, summary);
        }
    }

    /** "Their part: alleged. Also in it: another pupil (affected), a member of staff (witness)." */
    static String parts(Subject self, List<Subject> everyone) {
        StringBuilder parts = new StringBuilder("Their part: ").append(involvement(self.involvement())).append('.');
        List<String> others = everyone.stream().filter(other -> other != self)
                .map(other -> roleWord(other.type(), self.type()) + " (" + involvement(other.involvement()) + ")")
                .toList();
        if (!others.isEmpty()) {
            parts.append(" Also in it: ").append(String.join(", ", others)).append('.');
        }
        return parts.toString();
    }

    /** Another person by the kind of person they are, never by who they are. */
    static String roleWord(SubjectType other, SubjectType self) {
        String word = TimelineSummaries.subject(other);
        if (other != null && other == self && other != SubjectType.UNKNOWN) {
            return "another " + word.substring(word.indexOf(' ') + 1);
        }
        return word;
    }

    private static String involvement(Involvement involvement) {
        return involvement == null ? "not recorded" : involvement.name().toLowerCase(Locale.ROOT);
    }
}
