package org.safecase.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.eventhandling.DomainEventMessage;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.LegalHoldPlaced;
import org.safecase.events.LegalHoldReleased;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.DeviceHandedOver;
import org.safecase.events.DeviceSeized;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SupportProvided;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectRemoved;
import org.safecase.platform.privacy.FieldOpener;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An incident as it stood after a given version, rebuilt from its events alone (for auditors replaying a
 * case, and leads who need to know what was known when): the contract's
 * {@code {incidentId, version, schoolId, category, classification, status, subjects, escalations, referrals,
 * sanctions, outcome}}, with personal fields opened for the reader ("[erased]" where erased).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IncidentState(UUID incidentId, long version, Instant asOf, String schoolId, String category, String categoryName,
                     String classification, String status, boolean legalHold, Instant occurredAt, Boolean offSite,
                     String summary, List<CorrectionView> corrections, List<SubjectView> subjects,
                     List<EscalationView> escalations, List<ReferralView> referrals, List<SanctionView> sanctions,
                     List<ParentContactView> parentContacts, List<SupportView> support, List<ActionView> actions,
                     List<EvidenceView> evidence, List<DeviceView> devices, String outcome) {

    record SubjectView(String type, String reference, String involvement, String yearGroup, String dateOfBirth,
                       boolean erased) {
    }

    /** A correction of the report (R20): the field, when, by whom and why; the fields above show the corrected values. */
    record CorrectionView(String field, Instant at, String by, String reason) {
    }

    record EscalationView(String to, Instant at, String by, String reason) {
    }

    record ReferralView(String agency, String decision, String reference, String rationale, Instant at, String by) {
    }

    record SanctionView(String type, String subjectReference, LocalDate startsOn, LocalDate endsOn, Instant at, String by) {
    }

    record ParentContactView(String subjectReference, String decision, Instant at, String method, String rationale,
                             String by) {
    }

    record SupportView(String subjectReference, String type, LocalDate startsOn, String notes, String by) {
    }

    record ActionView(UUID actionId, String title, String owner, LocalDate dueOn, boolean done, String note) {
    }

    record EvidenceView(UUID evidenceId, String kind, String description, String url, Instant capturedAt,
                        String heldAt, String by) {
    }

    record DeviceView(UUID deviceId, String description, String ownerReference, String legalBasis, Instant seizedAt,
                      String handedOverTo, Instant handedOverAt) {
    }

    /** The state after the given events, in order (the first must be the report). */
    static IncidentState of(List<? extends DomainEventMessage<?>> events, FieldOpener fields) {
        Folding state = new Folding();
        for (DomainEventMessage<?> message : events) {
            state.apply((IncidentEvent) message.getPayload(), message.getSequenceNumber(), fields);
        }
        return state.result();
    }

    private static final class Folding {
        private UUID incidentId;
        private long version;
        private Instant asOf;
        private String schoolId;
        private String category;
        private String categoryName;
        private String classification;
        private String status;
        private boolean legalHold;
        private String outcome;
        private Instant occurredAt;
        private Boolean offSite;
        private String summary;
        private final List<CorrectionView> corrections = new ArrayList<>();
        private final List<Subject> reported = new ArrayList<>();
        private final List<UUID> erased = new ArrayList<>();
        private final List<UUID> removed = new ArrayList<>();
        private final List<EscalationView> escalations = new ArrayList<>();
        private final List<ReferralView> referrals = new ArrayList<>();
        private final List<SanctionView> sanctions = new ArrayList<>();
        private final List<ParentContactView> parentContacts = new ArrayList<>();
        private final List<SupportView> support = new ArrayList<>();
        private final Map<UUID, ActionView> actions = new LinkedHashMap<>();
        private final List<EvidenceView> evidence = new ArrayList<>();
        private final Map<UUID, DeviceView> devices = new LinkedHashMap<>();
        private FieldOpener fields;

        void apply(IncidentEvent event, long sequence, FieldOpener opener) {
            this.fields = opener;
            version = sequence;
            asOf = event.recordedAt();
            UUID id = event.incidentId();
            String by = event.actor().role() + " " + event.actor().userId();
            if (event instanceof IncidentReported e) {
                incidentId = id;
                schoolId = e.schoolId();
                category = e.category().code();
                categoryName = e.category().name();
                classification = e.category().classification().name();
                status = "OPEN";
                occurredAt = e.occurredAt();
                offSite = e.offSite();
                summary = opener.open(id, "summary", e.summary());
                reported.addAll(e.subjects());
            } else if (event instanceof IncidentCorrected e) {
                // the report as corrected, the correction itself beside it
                if (IncidentCorrected.SUMMARY.equals(e.field())) {
                    summary = opener.open(id, "summary", e.summary());
                } else if (IncidentCorrected.OCCURRED_AT.equals(e.field())) {
                    occurredAt = e.occurredAt();
                } else if (IncidentCorrected.OFF_SITE.equals(e.field())) {
                    offSite = e.offSite();
                }
                corrections.add(new CorrectionView(e.field(), e.recordedAt(), by, opener.open(id, "reason", e.reason())));
            } else if (event instanceof IncidentEscalated e) {
                escalations.add(new EscalationView(e.to() == null ? null : e.to().name(), e.recordedAt(), by,
                        opener.open(id, "reason", e.reason())));
            } else if (event instanceof PoliceReferralMade e) {
                referrals.add(new ReferralView("POLICE (" + e.force() + ")", "REFERRED",
                        opener.open(id, "crimeReference", e.crimeReference()), opener.open(id, "notes", e.notes()),
                        e.referredAt(), by));
            } else if (event instanceof ExternalReferralRecorded e) {
                referrals.add(new ReferralView(e.agency() == null ? null : e.agency().name(),
                        e.decision() == null ? null : e.decision().name(), opener.open(id, "reference", e.reference()),
                        opener.open(id, "rationale", e.rationale()), e.decidedAt(), by));
            } else if (event instanceof SanctionApplied e) {
                sanctions.add(new SanctionView(e.type().name(),
                        opener.openFor(id, e.subjectId(), "subjectReference", e.subjectReference()), e.startsOn(),
                        e.endsOn(), e.recordedAt(), by));
            } else if (event instanceof ParentContactRecorded e) {
                parentContacts.add(new ParentContactView(
                        opener.openFor(id, e.subjectId(), "subjectReference", e.subjectReference()),
                        e.decision() == null ? null : e.decision().name(), e.contactedAt(),
                        e.method() == null ? null : e.method().name(),
                        opener.openFor(id, e.subjectId(), "rationale", e.rationale()), by));
            } else if (event instanceof SupportProvided e) {
                support.add(new SupportView(opener.openFor(id, e.subjectId(), "subjectReference", e.subjectReference()),
                        e.type() == null ? null : e.type().name(), e.startsOn(),
                        opener.openFor(id, e.subjectId(), "notes", e.notes()), by));
            } else if (event instanceof ActionAssigned e) {
                actions.put(e.actionId(), new ActionView(e.actionId(), opener.open(id, "title", e.title()), e.owner(),
                        e.dueOn(), false, null));
            } else if (event instanceof ActionCompleted e) {
                actions.computeIfPresent(e.actionId(), (actionId, a) -> new ActionView(actionId, a.title(), a.owner(),
                        a.dueOn(), true, opener.open(id, "note", e.note())));
            } else if (event instanceof EvidenceRecorded e) {
                evidence.add(new EvidenceView(e.evidenceId(), e.kind() == null ? null : e.kind().name(),
                        opener.open(id, "description", e.description()), opener.open(id, "url", e.url()),
                        e.capturedAt(), opener.open(id, "heldAt", e.heldAt()), by));
            } else if (event instanceof DeviceSeized e) {
                devices.put(e.deviceId(), new DeviceView(e.deviceId(),
                        opener.openFor(id, e.subjectId(), "description", e.description()),
                        opener.openFor(id, e.subjectId(), "subjectReference", e.subjectReference()),
                        e.legalBasis() == null ? null : e.legalBasis().name(), e.seizedAt(), null, null));
            } else if (event instanceof DeviceHandedOver e) {
                devices.computeIfPresent(e.deviceId(), (deviceId, d) -> new DeviceView(deviceId, d.description(),
                        d.ownerReference(), d.legalBasis(), d.seizedAt(), e.to() == null ? null : e.to().name(),
                        e.handedOverAt()));
            } else if (event instanceof IncidentReclassified e) {
                category = e.to().code();
                categoryName = e.to().name();
                classification = e.to().classification().name();
            } else if (event instanceof IncidentClosed e) {
                status = "CLOSED";
                outcome = e.outcome() == null ? null : e.outcome().name();
            } else if (event instanceof IncidentReopened) {
                status = "OPEN";
                outcome = null;
            } else if (event instanceof SubjectAdded e) {
                reported.add(e.subject());
            } else if (event instanceof SubjectRemoved e) {
                removed.add(e.subjectId());
            } else if (event instanceof SubjectErased e) {
                erased.add(e.subjectId());
            } else if (event instanceof IncidentDisposed) {
                status = "DISPOSED";
            } else if (event instanceof LegalHoldPlaced) {
                legalHold = true;
            } else if (event instanceof LegalHoldReleased) {
                legalHold = false;
            }
        }

        IncidentState result() {
            List<SubjectView> subjects = reported.stream().filter(s -> !removed.contains(s.subjectId()))
                    .map(s -> new SubjectView(s.type().name(),
                    fields.openFor(incidentId, s.subjectId(), "reference", s.reference()),
                    s.involvement() == null ? null : s.involvement().name(),
                    fields.openFor(incidentId, s.subjectId(), "yearGroup", s.yearGroup()),
                    fields.openFor(incidentId, s.subjectId(), "dateOfBirth", s.dateOfBirth()),
                    erased.contains(s.subjectId()))).toList();
            return new IncidentState(incidentId, version, asOf, schoolId, category, categoryName, classification, status,
                    legalHold, occurredAt, offSite, summary, List.copyOf(corrections), subjects, List.copyOf(escalations), List.copyOf(referrals), List.copyOf(sanctions),
                    List.copyOf(parentContacts), List.copyOf(support), List.copyOf(actions.values()),
                    List.copyOf(evidence), List.copyOf(devices.values()), outcome);
        }
    }
}
