package org.safecase.query.support;

import org.safecase.events.Actor;
import org.safecase.events.Agency;
import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.Involvement;
import org.safecase.events.NoteAdded;
import org.safecase.events.Outcome;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Sealed;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.PersonalData;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One incident's event stream as the command service would record it, each event enveloped with the
 * incident's next sequence and its personal fields sealed with the incident's and its people's keys (made
 * in the test's privacy database). Nothing is sent: the test sends (or re-sends, or withholds) envelopes.
 */
public final class TestIncident {

    /** A person to report, as a school would name them: sealed when the report is made. */
    public record Person(SubjectType type, String reference, Involvement involvement, String yearGroup) {

        boolean isAllegationAgainstWorkforce() {
            return type.isWorkforce() && (involvement == null || involvement == Involvement.ALLEGED);
        }
    }

    public static final CategoryRef CYBERBULLYING = new CategoryRef("INA-CYBERBULLY", "Cyber-bullying",
            Classification.INAPPROPRIATE, List.of(), "2026.1");
    public static final CategoryRef CHILD_PROTECTION = new CategoryRef("SG-CP", "Suspected child protection",
            Classification.SAFEGUARDING, List.of(Requirement.DSL_INVOLVEMENT), "2026.1");
    public static final CategoryRef GROOMING = new CategoryRef("ILL-GROOMING", "Grooming", Classification.ILLEGAL,
            List.of(Requirement.POLICE_REFERRAL), "2026.1");

    public static final Actor STAFF = new Actor("staff.a", Role.STAFF);
    public static final Actor DSL = new Actor("dsl.a", Role.DSL);
    public static final Actor HEAD = new Actor("head.a", Role.HEAD_TEACHER);
    public static final Actor DPO = new Actor("dpo.trust", Role.DPO);

    private final UUID id = UUID.randomUUID();
    private final String schoolId;
    private final JsonMapper json;
    private final PersonalData personalData;
    private CategoryRef category;
    private long next;
    private String lastHash = EventHashes.GENESIS;

    TestIncident(String schoolId, JsonMapper json, PersonalData personalData) {
        this.schoolId = schoolId;
        this.json = json;
        this.personalData = personalData;
        personalData.createIncidentKey(id);
    }

    /** A text of this incident, sealed with its key as the command service seals it. */
    public Sealed sealed(String field, String text) {
        return personalData.seal(id, field, text);
    }

    /** The subject id the school's reference names (made on first use), as the command service resolves it. */
    public UUID subjectId(String reference) {
        return personalData.subject(schoolId, reference);
    }

    public UUID id() {
        return id;
    }

    public String path() {
        return "/api/v1/incidents/" + id;
    }

    public static Person pupil(String reference) {
        return new Person(SubjectType.PUPIL, reference, Involvement.ALLEGED, "Y6");
    }

    public static Person staff(String reference) {
        return new Person(SubjectType.STAFF, reference, Involvement.ALLEGED, null);
    }

    public static String uniqueReference() {
        return "P-" + UUID.randomUUID();
    }

    public static CategoryRef uniqueCategory(Classification classification) {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        return new CategoryRef(code, "Test category " + code, classification, List.of(), "2026.1");
    }

    public IncidentEventEnvelope reported(CategoryRef category, Person... subjects) {
        Instant now = now();
        return reported(category, STAFF, now.minus(1, ChronoUnit.HOURS), now, subjects);
    }

    public IncidentEventEnvelope reported(CategoryRef category, Actor by, Instant occurredAt, Instant recordedAt,
                                          Person... subjects) {
        return reported(category, by, occurredAt, recordedAt, false, subjects);
    }

    /** A report; {@code againstHeadTeacher}: the alleged member of staff is the head teacher (the chair's case). */
    public IncidentEventEnvelope reported(CategoryRef category, Actor by, Instant occurredAt, Instant recordedAt,
                                          boolean againstHeadTeacher, Person... subjects) {
        this.category = category;
        boolean againstStaff = Arrays.stream(subjects).anyMatch(Person::isAllegationAgainstWorkforce);
        List<Subject> sealed = Arrays.stream(subjects).map(this::subject).toList();
        return envelope(new IncidentReported(id, schoolId, by, recordedAt, category, occurredAt,
                sealed("summary", "Messages sent in the evening"), sealed, true, new Source("CPOMS", "C-" + next),
                againstStaff, againstStaff ? List.of(Agency.LADO, Agency.LA_SAFEGUARDING) : List.of(),
                againstStaff ? (againstHeadTeacher ? Role.CHAIR_OF_GOVERNORS : Role.HEAD_TEACHER) : null));
    }

    private Subject subject(Person person) {
        UUID subjectId = subjectId(person.reference());
        return new Subject(subjectId, person.type(), personalData.sealFor(id, subjectId, "reference", person.reference()),
                person.involvement(), personalData.sealFor(id, subjectId, "yearGroup", person.yearGroup()), null);
    }

    public IncidentEventEnvelope escalated(EscalationTarget to, String reason) {
        return envelope(new IncidentEscalated(id, schoolId, DSL, now(), to, sealed("reason", reason)));
    }

    public IncidentEventEnvelope referredToPolice(String force, String crimeReference, String notes) {
        return envelope(new PoliceReferralMade(id, schoolId, DSL, now(), force, sealed("crimeReference", crimeReference),
                now().minus(5, ChronoUnit.MINUTES), sealed("notes", notes)));
    }

    public IncidentEventEnvelope externalReferral(Agency agency, ReferralDecision decision, String rationale,
                                                  String reference) {
        return envelope(new ExternalReferralRecorded(id, schoolId, DSL, now(), agency, decision,
                sealed("rationale", rationale), sealed("reference", reference), now().minus(5, ChronoUnit.MINUTES)));
    }

    public IncidentEventEnvelope sanction(String subjectReference, SubjectType subjectType, SanctionType type,
                                          LocalDate startsOn, LocalDate endsOn, String notes) {
        return sanction(subjectReference, subjectType, type, startsOn, endsOn, notes, DSL);
    }

    public IncidentEventEnvelope sanction(String subjectReference, SubjectType subjectType, SanctionType type,
                                          LocalDate startsOn, LocalDate endsOn, String notes, Actor by) {
        UUID subjectId = subjectId(subjectReference);
        return envelope(new SanctionApplied(id, schoolId, by, now(), subjectId,
                personalData.sealFor(id, subjectId, "subjectReference", subjectReference), subjectType, type, startsOn,
                endsOn, personalData.sealFor(id, subjectId, "notes", notes)));
    }

    public IncidentEventEnvelope note(String text) {
        return envelope(new NoteAdded(id, schoolId, DSL, now(), sealed("text", text)));
    }

    public IncidentEventEnvelope reclassified(CategoryRef to, String reason) {
        CategoryRef from = category;
        category = to;
        return envelope(new IncidentReclassified(id, schoolId, DSL, now(), from, to, sealed("reason", reason)));
    }

    public IncidentEventEnvelope closed(Outcome outcome, String summary) {
        return envelope(new IncidentClosed(id, schoolId, DSL, now(), outcome, sealed("summary", summary)));
    }

    public IncidentEventEnvelope reopened(String reason) {
        return envelope(new IncidentReopened(id, schoolId, DSL, now(), sealed("reason", reason)));
    }

    /** The person's erasure from this incident, as the data protection officer records it (the key is the caller's). */
    public IncidentEventEnvelope subjectErased(String reference, String reason) {
        return envelope(new SubjectErased(id, schoolId, DPO, now(), subjectId(reference), reason));
    }

    /** The incident's disposal, as the data protection officer records it (the key is the caller's). */
    public IncidentEventEnvelope disposed(String reason) {
        return envelope(new IncidentDisposed(id, schoolId, DPO, now(), "PUPIL_RECORD_DOB_PLUS_25", reason));
    }

    /** Any event of this incident, with the next sequence. */
    public IncidentEventEnvelope envelope(IncidentEvent event) {
        return envelope(event, next++);
    }

    /** The sequence number the next event will get. */
    public long nextSequence() {
        return next;
    }

    /** Chained to the envelope made before it, as the command service chains what it appends. */
    private IncidentEventEnvelope envelope(IncidentEvent event, long sequence) {
        IncidentEventEnvelope envelope = EventHashes.envelope(UUID.randomUUID(), sequence, event, lastHash, null, json);
        lastHash = envelope.hash();
        return envelope;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
