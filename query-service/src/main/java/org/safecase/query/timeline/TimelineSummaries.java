package org.safecase.query.timeline;

import org.safecase.events.Agency;
import org.safecase.events.CategoryRef;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SubjectType;

/**
 * A plain English sentence per event, for a DSL reading a case. Built only from coded, non-personal
 * fields (types, categories, agencies, dates, the police force and its crime reference): an event's
 * free text goes into the entry's {@code detail} and a subject's reference into its own field, so that
 * erasing personal data never has to rewrite a summary. Every field may be missing (erased).
 */
final class TimelineSummaries {

    private TimelineSummaries() {
    }

    /** The summary, the free text kept apart from it, and the subject a sanction concerns. */
    record Entry(String summary, String detail, String subjectReference) {
    }

    static Entry of(IncidentEvent event) {
        if (event instanceof IncidentReported reported) {
            int subjects = reported.subjects() == null ? 0 : reported.subjects().size();
            StringBuilder summary = new StringBuilder("Reported as ").append(category(reported.category()))
                    .append(", ").append(subjects).append(subjects == 1 ? " subject" : " subjects")
                    .append(reported.offSite() ? ", off site" : ", on site");
            if (reported.allegationAgainstStaff()) {
                summary.append(", an allegation against staff");
            }
            if (reported.source() != null && reported.source().system() != null) {
                summary.append(", from ").append(reported.source().system());
            }
            return new Entry(summary.toString(), reported.summary(), null);
        }
        if (event instanceof IncidentEscalated escalated) {
            String to = escalated.to() == null ? "a designated lead"
                    : switch (escalated.to()) {
                        case DSL -> "the DSL";
                        case HEAD_TEACHER -> "the head teacher";
                    };
            return new Entry("Escalated to " + to, escalated.reason(), null);
        }
        if (event instanceof PoliceReferralMade referral) {
            String force = referral.force() == null ? "the police" : referral.force();
            String reference = referral.crimeReference() == null || referral.crimeReference().isBlank() ? ""
                    : " (crime reference " + referral.crimeReference() + ")";
            return new Entry("Referred to " + force + reference, referral.notes(), null);
        }
        if (event instanceof ExternalReferralRecorded referral) {
            String agency = agency(referral.agency());
            if (referral.decision() == ReferralDecision.REFERRED) {
                String reference = referral.reference() == null || referral.reference().isBlank() ? ""
                        : " (reference " + referral.reference() + ")";
                return new Entry("Referred to " + agency + reference, referral.rationale(), null);
            }
            return new Entry("Decision on " + agency + ": not referred", referral.rationale(), null);
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
            return new Entry(summary.toString(), sanction.notes(), sanction.subjectReference());
        }
        if (event instanceof NoteAdded note) {
            return new Entry("Note added", note.text(), null);
        }
        if (event instanceof IncidentReclassified reclassified) {
            return new Entry("Reclassified from " + category(reclassified.from()) + " to " + category(reclassified.to()),
                    reclassified.reason(), null);
        }
        if (event instanceof IncidentClosed closed) {
            return new Entry("Closed: " + closed.outcome(), closed.summary(), null);
        }
        if (event instanceof IncidentReopened reopened) {
            return new Entry("Reopened", reopened.reason(), null);
        }
        throw new IllegalArgumentException("no summary for " + event.getClass().getSimpleName());
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
        };
    }

    private static String subject(SubjectType type) {
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
