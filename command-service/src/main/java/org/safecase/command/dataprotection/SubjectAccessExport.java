package org.safecase.command.dataprotection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReported;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A subject access export (UK GDPR article 15): every incident the person appears in, each event in
 * order with its content opened, and the person's own data. Everyone else appears only by a role word
 * ("another pupil"): their references, dates of birth, year groups, and what was recorded against them
 * are left out. Free text is as recorded: the DPO reviews it before release.
 */
@Service
class SubjectAccessExport {

    static final String NOTICE = "Free text (summaries, notes, reasons) is shown as recorded and may mention other "
            + "people: review it before release, and apply the exemptions of the Data Protection Act 2018, schedules 2 "
            + "and 3 (other people's data, serious harm, child abuse data requested by a parent) where they apply.";

    /** One person's data across the school's incidents. */
    record Export(String reference, String schoolId, Instant exportedAt, String exportedBy, String notice,
                  List<ExportedIncident> incidents) {
    }

    /** One incident as it concerns the person. */
    record ExportedIncident(UUID incidentId, String category, String categoryName, String classification,
                            Instant occurredAt, JsonNode subject, List<ExportedEvent> events) {
    }

    /** One event: when, which kind of user, what, and its content with everyone else left out. */
    record ExportedEvent(long sequence, Instant at, String type, String actorRole, JsonNode content) {
    }

    private static final Set<String> ENVELOPE_FIELDS = Set.of("incidentId", "schoolId", "actor", "recordedAt");

    private final PersonalData personalData;
    private final SubjectIncidents subjectIncidents;
    private final EventStore eventStore;
    private final IncidentEventEnvelopes envelopes;
    private final SchoolDirectory schools;
    private final Clock clock;

    SubjectAccessExport(PersonalData personalData, SubjectIncidents subjectIncidents, EventStore eventStore,
                        IncidentEventEnvelopes envelopes, SchoolDirectory schools, Clock clock) {
        this.personalData = personalData;
        this.subjectIncidents = subjectIncidents;
        this.eventStore = eventStore;
        this.envelopes = envelopes;
        this.schools = schools;
        this.clock = clock;
    }

    Export export(String schoolId, String reference, AuthenticatedUser user) {
        if (!schools.isKnownSchool(schoolId) || !user.belongsTo(schoolId, schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may export data of your own school or trust only");
        }
        List<ExportedIncident> incidents = personalData.knownSubject(schoolId, reference)
                .map(subjectId -> subjectIncidents.incidentsOf(subjectId).stream()
                        .map(incidentId -> incident(incidentId, subjectId)).toList())
                .orElse(List.of());
        return new Export(reference, schoolId, clock.instant(), user.userId(), NOTICE, incidents);
    }

    private ExportedIncident incident(UUID incidentId, UUID subjectId) {
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(incidentId.toString()).asStream().toList();
        IncidentReported report = (IncidentReported) stream.get(0).getPayload();
        JsonNode own = null;
        List<ExportedEvent> events = new java.util.ArrayList<>();
        for (DomainEventMessage<?> message : stream) {
            IncidentEventEnvelope envelope = envelopes.envelope(message);
            ObjectNode content = (ObjectNode) personalData.reveal(incidentId, envelope.payload());
            ENVELOPE_FIELDS.forEach(content::remove);
            if (content.path("subjects") instanceof ArrayNode subjects) {
                own = ownEntry(subjects, subjectId);
                content.set("subjects", othersByRole(subjects, subjectId));
            }
            if (content.path("subject") instanceof ObjectNode added) {
                // a person added after the report: the person themselves, or someone else by role word only
                ArrayNode one = content.arrayNode().add(added);
                JsonNode ownAdded = ownEntry(one, subjectId);
                own = ownAdded != null ? ownAdded : own;
                content.set("subject", othersByRole(one, subjectId).get(0));
            }
            String about = content.path("subjectId").asString(null);
            if (about != null) {
                content = about.equals(subjectId.toString()) ? without(content, "subjectId")
                        : someoneElse(content, roleWord(content.path("subjectType").asString(null)));
            }
            events.add(new ExportedEvent(envelope.sequence(), envelope.recordedAt(), envelope.type(),
                    envelope.actor().role().name(), content));
        }
        return new ExportedIncident(incidentId, report.category().code(), report.category().name(),
                report.category().classification().name(), report.occurredAt(), own, events);
    }

    private static JsonNode ownEntry(ArrayNode subjects, UUID subjectId) {
        for (JsonNode subject : subjects) {
            if (subjectId.toString().equals(subject.path("subjectId").asString(null))) {
                return without((ObjectNode) subject.deepCopy(), "subjectId");
            }
        }
        return null;
    }

    /** The other people of a report, each by a role word and their part in it. */
    private static ArrayNode othersByRole(ArrayNode subjects, UUID subjectId) {
        ArrayNode result = subjects.arrayNode();
        for (JsonNode subject : subjects) {
            if (subjectId.toString().equals(subject.path("subjectId").asString(null))) {
                result.add(without((ObjectNode) subject.deepCopy(), "subjectId"));
            } else {
                ObjectNode other = result.addObject();
                other.put("person", roleWord(subject.path("type").asString(null)));
                if (subject.hasNonNull("involvement")) {
                    other.put("involvement", subject.path("involvement").asString());
                }
            }
        }
        return result;
    }

    /** An event about someone else: only that it happened, and to whom by role. */
    private static ObjectNode someoneElse(ObjectNode content, String person) {
        ObjectNode other = content.objectNode();
        other.put("person", person);
        return other;
    }

    private static ObjectNode without(ObjectNode node, String field) {
        node.remove(field);
        return node;
    }

    static String roleWord(String subjectType) {
        if (subjectType == null) {
            return "another person";
        }
        return switch (SubjectType.valueOf(subjectType)) {
            case PUPIL -> "another pupil";
            case STAFF -> "a member of staff";
            case VOLUNTEER -> "a volunteer";
            case PARENT_CARER -> "a parent or carer";
            case VISITOR -> "a visitor";
            case COMMUNITY_USER -> "a member of the community";
            case UNKNOWN -> "another person";
        };
    }
}
