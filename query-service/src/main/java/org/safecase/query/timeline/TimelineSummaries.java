package org.safecase.query.timeline;

import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.Agency;
import org.safecase.events.ContactMethod;
import org.safecase.events.DeviceHandedOver;
import org.safecase.events.DeviceLegalBasis;
import org.safecase.events.DeviceSeized;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportProvided;
import org.safecase.events.CategoryRef;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionApplied;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.LegalHoldPlaced;
import org.safecase.events.LegalHoldReleased;
import org.safecase.events.Sealed;
import org.safecase.events.Subject;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.FieldOpener;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A plain English sentence per event, for a DSL reading a case. Built only from coded, non-personal
 * fields (types, categories, agencies, dates, the police force): an event's personal text (opened from
 * its sealed fields) goes into the entry's {@code detail} and a subject's reference into its own field,
 * so that erasure never has to rewrite a summary. A detail any part of which was erased is
 * {@link Sealed#ERASED} as a whole, and an erased reference is null: a projection rebuilt after an
 * erasure reads exactly as one scrubbed by it. Every field may be missing.
 */
public final class TimelineSummaries {

    private TimelineSummaries() {
    }

    /** The summary, the personal text kept apart from it, and the subject an entry concerns. */
    public record Entry(String summary, String detail, UUID subjectId, String subjectReference) {
    }

    public static Entry of(IncidentEvent event, FieldOpener fields) {
        UUID id = event.incidentId();
        if (event instanceof IncidentReported reported) {
            int subjects = reported.subjects() == null ? 0 : reported.subjects().size();
            StringBuilder summary = new StringBuilder("Reported as ").append(category(reported.category()))
                    .append(", ").append(subjects).append(subjects == 1 ? " subject" : " subjects")
                    .append(reported.offSite() ? ", off site" : ", on site");
            if (reported.againstHeadTeacher()) {
                summary.append(", an allegation against the head teacher");
            } else if (reported.allegationAgainstStaff()) {
                summary.append(", an allegation against staff");
            }
            if (reported.source() != null && reported.source().system() != null) {
                summary.append(", from ").append(reported.source().system());
            }
            return entry(summary.toString(), fields.open(id, "summary", reported.summary()));
        }
        if (event instanceof IncidentEscalated escalated) {
            String to = escalated.to() == null ? "a designated lead"
                    : switch (escalated.to()) {
                        case DSL -> "the DSL";
                        case HEAD_TEACHER -> "the head teacher";
                        case CHAIR_OF_GOVERNORS -> "the chair of governors";
                    };
            return entry("Escalated to " + to, fields.open(id, "reason", escalated.reason()));
        }
        if (event instanceof PoliceReferralMade referral) {
            String force = referral.force() == null ? "the police" : referral.force();
            return entry("Referred to " + force, detail(labelled("Crime reference",
                    fields.open(id, "crimeReference", referral.crimeReference())), fields.open(id, "notes", referral.notes())));
        }
        if (event instanceof ExternalReferralRecorded referral) {
            String agency = agency(referral.agency());
            String rationale = fields.open(id, "rationale", referral.rationale());
            if (referral.decision() == ReferralDecision.REFERRED) {
                return entry("Referred to " + agency, detail(labelled("Reference",
                        fields.open(id, "reference", referral.reference())), rationale));
            }
            return entry("Decision on " + agency + ": not referred", rationale);
        }
        if (event instanceof SanctionApplied sanction) {
            StringBuilder summary = new StringBuilder("Sanction ").append(sanction.type())
                    .append(" for ").append(subject(sanction.subjectType()));
            if (sanction.startsOn() != null) {
                summary.append(" from ").append(sanction.startsOn());
            }
            if (sanction.endsOn() != null) {
                summary.append(" to ").append(sanction.endsOn());
            }
            String reference = fields.openFor(id, sanction.subjectId(), "subjectReference", sanction.subjectReference());
            String notes = fields.openFor(id, sanction.subjectId(), "notes", sanction.notes());
            return new Entry(summary.toString(), detail(notes), sanction.subjectId(),
                    FieldOpener.isMarker(reference) ? null : reference);
        }
        if (event instanceof NoteAdded note) {
            return entry("Note added", fields.open(id, "text", note.text()));
        }
        if (event instanceof IncidentReclassified reclassified) {
            return entry("Reclassified from " + category(reclassified.from()) + " to " + category(reclassified.to()),
                    fields.open(id, "reason", reclassified.reason()));
        }
        if (event instanceof IncidentCorrected corrected) {
            return correction(corrected, fields);
        }
        if (event instanceof SubjectAdded added && added.subject() != null) {
            Subject subject = added.subject();
            String reference = fields.openFor(id, subject.subjectId(), "reference", subject.reference());
            return new Entry("Added " + subject(subject.type()) + (subject.involvement() == null ? ""
                    : " (" + subject.involvement().name().toLowerCase(java.util.Locale.ROOT) + ")"), null,
                    subject.subjectId(), reference == null || FieldOpener.isMarker(reference) ? null : reference);
        }
        if (event instanceof SubjectRemoved removed) {
            return new Entry("Removed " + subject(removed.subjectType()) + " recorded by mistake",
                    detail(fields.openFor(id, removed.subjectId(), "reason", removed.reason())), removed.subjectId(), null);
        }
        if (event instanceof ParentContactRecorded contact) {
            String whose = "the parents or carers of " + subject(contact.subjectType());
            String summary = contact.decision() == ParentContactDecision.NOT_INFORMED ? "Decided not to inform " + whose
                    : "Informed " + whose + (contact.method() == null ? "" : " by " + method(contact.method()))
                    + (contact.contactedAt() == null ? "" : " at " + contact.contactedAt());
            return personal(summary, contact.subjectId(), fields.openFor(id, contact.subjectId(), "subjectReference",
                    contact.subjectReference()), fields.openFor(id, contact.subjectId(), "rationale", contact.rationale()));
        }
        if (event instanceof SupportProvided support) {
            return personal("Support for " + subject(support.subjectType()) + ": " + words(support.type())
                            + (support.startsOn() == null ? "" : " from " + support.startsOn()), support.subjectId(),
                    fields.openFor(id, support.subjectId(), "subjectReference", support.subjectReference()),
                    fields.openFor(id, support.subjectId(), "notes", support.notes()));
        }
        if (event instanceof ActionAssigned action) {
            return entry("Action for " + action.owner() + ", due " + action.dueOn(), fields.open(id, "title", action.title()));
        }
        if (event instanceof ActionCompleted done) {
            return entry("Action done", fields.open(id, "note", done.note()));
        }
        if (event instanceof EvidenceRecorded evidence) {
            return entry("Evidence recorded: " + words(evidence.kind())
                            + (evidence.capturedAt() == null ? "" : ", captured at " + evidence.capturedAt()),
                    detail(fields.open(id, "description", evidence.description()),
                            labelled("Address", fields.open(id, "url", evidence.url())),
                            labelled("Held at", fields.open(id, "heldAt", evidence.heldAt()))));
        }
        if (event instanceof DeviceSeized device) {
            return personal("Device of " + subject(device.subjectType()) + " seized ("
                            + legalBasis(device.legalBasis()) + ")", device.subjectId(),
                    fields.openFor(id, device.subjectId(), "subjectReference", device.subjectReference()),
                    fields.openFor(id, device.subjectId(), "description", device.description()));
        }
        if (event instanceof DeviceHandedOver handover) {
            String to = handover.to() == null ? "someone" : switch (handover.to()) {
                case POLICE -> "the police";
                case OWNER -> "its owner";
                case PARENT_CARER -> "a parent or carer";
            };
            return entry("Device handed to " + to, null);
        }
        if (event instanceof IncidentClosed closed) {
            return entry("Closed: " + closed.outcome(), fields.open(id, "summary", closed.summary()));
        }
        if (event instanceof IncidentReopened reopened) {
            return entry("Reopened", fields.open(id, "reason", reopened.reason()));
        }
        // the data protection officer's events: their reasons are on the record in clear, by design
        if (event instanceof SubjectErased erased) {
            return new Entry("A person's personal data was erased", erased.reason(), erased.subjectId(), null);
        }
        if (event instanceof IncidentDisposed disposed) {
            return new Entry("Disposed of at the end of its retention"
                    + (disposed.retentionRule() == null ? "" : " (" + disposed.retentionRule() + ")"), disposed.reason(),
                    null, null);
        }
        if (event instanceof LegalHoldPlaced hold) {
            return new Entry("Placed under legal hold", hold.reason(), null, null);
        }
        if (event instanceof LegalHoldReleased release) {
            return new Entry("Legal hold released", release.reason(), null, null);
        }
        throw new IllegalArgumentException("no summary for " + event.getClass().getSimpleName());
    }

    /** The field corrected and, when it is not personal text, its new value; the new summary only in the detail. */
    private static Entry correction(IncidentCorrected corrected, FieldOpener fields) {
        UUID id = corrected.incidentId();
        String reason = labelled("Reason", fields.open(id, "reason", corrected.reason()));
        String field = corrected.field() == null ? "" : corrected.field();
        return switch (field) {
            case IncidentCorrected.SUMMARY -> entry("Summary corrected",
                    detail(fields.open(id, "summary", corrected.summary()), reason));
            case IncidentCorrected.OCCURRED_AT -> entry("Time of the incident corrected to " + corrected.occurredAt(),
                    reason);
            case IncidentCorrected.OFF_SITE -> entry("Corrected to " + (Boolean.TRUE.equals(corrected.offSite())
                    ? "off site" : "on site"), reason);
            default -> entry("Report corrected", reason);
        };
    }

    /** The event types whose detail is the DPO's reason in clear, never scrubbed by erasure or disposal. */
    static final java.util.Set<String> CLEAR_DETAIL = java.util.Set.of("SubjectErased", "IncidentDisposed",
            "LegalHoldPlaced", "LegalHoldReleased");

    /** An entry about one person: their reference in its own field (null once erased), the text in the detail. */
    private static Entry personal(String summary, UUID subjectId, String reference, String detail) {
        return new Entry(summary, detail(detail), subjectId,
                reference == null || FieldOpener.isMarker(reference) ? null : reference);
    }

    /** An enum constant as lower-case words: EARLY_HELP, "early help". */
    private static String words(Enum<?> value) {
        return value == null ? "not recorded" : value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String method(ContactMethod method) {
        return switch (method) {
            case PHONE -> "phone";
            case MEETING -> "a meeting";
            case LETTER -> "letter";
            case EMAIL -> "email";
        };
    }

    private static String legalBasis(DeviceLegalBasis basis) {
        if (basis == null) {
            return "legal basis not recorded";
        }
        return switch (basis) {
            case EDUCATION_ACT_SEARCH -> "search under the Education Act 2011";
            case CONSENT -> "with the owner's consent";
            case POLICE_REQUEST -> "at the police's request";
        };
    }

    private static Entry entry(String summary, String detail) {
        return new Entry(summary, detail(detail), null, null);
    }

    /** The parts that are there, joined; erased as a whole if any part was. */
    private static String detail(String... parts) {
        List<String> present = Arrays.stream(parts).filter(Objects::nonNull).filter(p -> !p.isBlank()).toList();
        if (present.isEmpty()) {
            return null;
        }
        if (present.stream().anyMatch(FieldOpener::isMarker)) {
            return present.contains(Sealed.UNREADABLE) ? Sealed.UNREADABLE : Sealed.ERASED;
        }
        return String.join("\n", present);
    }

    private static String labelled(String label, String text) {
        return text == null || text.isBlank() || FieldOpener.isMarker(text) ? text : label + ": " + text;
    }

    private static String category(CategoryRef category) {
        if (category == null) {
            return "an unknown category";
        }
        return category.name() + " (" + category.classification() + ")";
    }

    private static String agency(Agency agency) {
        if (agency == null) {
            return "an agency";
        }
        return switch (agency) {
            case IWF -> "the IWF";
            case CEOP -> "CEOP";
            case CHILDRENS_SERVICES -> "Children's Services";
            case LA_SAFEGUARDING -> "the local authority safeguarding officer";
            case LADO -> "the LADO";
            case PREVENT -> "Prevent";
            case OTHER -> "another agency";
            case POLICE -> "the police";
        };
    }

    /** The role word for a kind of person: "a pupil", "a member of staff". */
    public static String subject(SubjectType type) {
        if (type == null) {
            return "a subject";
        }
        return switch (type) {
            case PUPIL -> "a pupil";
            case STAFF -> "a member of staff";
            case VOLUNTEER -> "a volunteer";
            case PARENT_CARER -> "a parent or carer";
            case VISITOR -> "a visitor";
            case COMMUNITY_USER -> "a community user";
            case UNKNOWN -> "an unidentified person";
        };
    }
}
