package org.safecase.platform.security;

import org.safecase.events.Role;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do what, written once for both services: the security rules of each service's endpoints,
 * the read models and the incident aggregate all ask here. Which school or trust a user's requests
 * reach is the user's scope ({@link AuthenticatedUser#belongsTo}); what a role may do is this.
 */
public final class AccessRules {

    /** Record incidents and add notes to them: the school's staff and its recording systems. */
    public static final Set<Role> RECORDERS = roles(Role.STAFF, Role.DSL, Role.HEAD_TEACHER, Role.INTEGRATION,
            Role.CHAIR_OF_GOVERNORS);

    /**
     * Work a case: escalate, refer, sanction, reclassify, close, reopen. The chair of governors works only an
     * allegation against the head teacher, which the incident itself enforces.
     */
    public static final Set<Role> CASE_HANDLERS = roles(Role.DSL, Role.HEAD_TEACHER, Role.INTEGRATION,
            Role.CHAIR_OF_GOVERNORS);

    /**
     * Read cases in the read models: their school's, auditors their trust's. Governors and staff read none; the
     * chair of governors reads only allegations against the head teacher ({@link #sightOfStaffAllegations}).
     */
    public static final Set<Role> CASE_READERS = roles(Role.DSL, Role.HEAD_TEACHER, Role.INTEGRATION, Role.AUDITOR,
            Role.CHAIR_OF_GOVERNORS);

    /**
     * Read a person's chronology across incidents (the child's file): the school's leads and auditors. A
     * recording system reports into cases; it does not read a child's whole history.
     */
    public static final Set<Role> CHRONOLOGY_READERS = roles(Role.DSL, Role.HEAD_TEACHER, Role.AUDITOR,
            Role.CHAIR_OF_GOVERNORS);

    /** What needs a designated lead now (alerts, package alert of the query service): the school's leads. */
    public static final Set<Role> ALERT_READERS = roles(Role.DSL, Role.HEAD_TEACHER, Role.CHAIR_OF_GOVERNORS);

    /** Actions across incidents: the school's leads, and staff their own. */
    public static final Set<Role> ACTION_READERS = roles(Role.STAFF, Role.DSL, Role.HEAD_TEACHER, Role.CHAIR_OF_GOVERNORS);

    /** Read an incident's whole event stream from the event store (R26). */
    public static final Set<Role> EVENT_STREAM_READERS = roles(Role.DSL, Role.HEAD_TEACHER, Role.AUDITOR,
            Role.CHAIR_OF_GOVERNORS);

    /** Verify the record's integrity: an incident's hash chain, the integrity log's checkpoints and proofs. */
    public static final Set<Role> CHAIN_VERIFIERS = roles(Role.AUDITOR);

    /** policy: governors read only the anonymised statistics (R21); the school's leads and auditors read them too. */
    public static final Set<Role> STATISTICS_READERS = roles(Role.GOVERNOR, Role.DSL, Role.HEAD_TEACHER, Role.AUDITOR);

    /** Erasure, disposal, legal holds, retention, subject access exports: the data protection officer. */
    public static final Set<Role> DATA_PROTECTION_OFFICERS = roles(Role.DPO);

    /** Read the read log: who read which case. */
    public static final Set<Role> READ_LOG_READERS = roles(Role.AUDITOR, Role.DPO);

    /** policy: an allegation against staff is read only by the head teacher and auditors (R12). */
    public static final Set<Role> STAFF_ALLEGATION_READERS = roles(Role.HEAD_TEACHER, Role.AUDITOR);

    /**
     * policy: an allegation against staff is acted on only by the head teacher (R12), and by the school's
     * recording system adding to it; what needs a person's sign-off is {@link #signsOff}.
     */
    public static final Set<Role> STAFF_ALLEGATION_HANDLERS = roles(Role.HEAD_TEACHER, Role.INTEGRATION);

    /**
     * Whose statistics count allegations against staff: those who read them (R12), and governors, whose
     * figures are anonymised and suppressed (R21) and who oversee how the school handles allegations
     * against its staff. Everyone else's figures (a DSL's) leave them out entirely, so that they agree
     * with that reader's own incident log and no allegation is told by taking one from the other.
     */
    public static final Set<Role> STATISTICS_WITH_STAFF_ALLEGATIONS = withRole(STAFF_ALLEGATION_READERS, Role.GOVERNOR);

    /** Users of one school: their token names a school the directory knows. */
    public static final Set<Role> SCHOOL_ROLES = roles(Role.STAFF, Role.DSL, Role.HEAD_TEACHER, Role.INTEGRATION,
            Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS);

    /** Users of a whole trust: their token names a trust the directory knows (a governor may be either). */
    public static final Set<Role> TRUST_ROLES = roles(Role.AUDITOR, Role.OPERATOR, Role.DPO, Role.GOVERNOR);

    private AccessRules() {
    }

    /** policy: allegations against staff are for the head teacher (and auditors), hidden from other views (R12). */
    public static boolean readsStaffAllegations(Role role) {
        return STAFF_ALLEGATION_READERS.contains(role);
    }

    /** Which allegations against staff a role sees. */
    public enum StaffAllegationSight {
        /** None: every other role (R12). */
        NONE,
        /** Every one: auditors. */
        ALL,
        /** Every one but those against the head teacher, who may not see an allegation against themselves. */
        ALL_BUT_AGAINST_HEAD_TEACHER,
        /** Only those against the head teacher, and no other case: the chair of governors (KCSIE part 4). */
        ONLY_AGAINST_HEAD_TEACHER;

        /** Whether an incident with this routing is seen. */
        public boolean sees(boolean allegationAgainstStaff, boolean againstHeadTeacher) {
            return switch (this) {
                case NONE -> !allegationAgainstStaff;
                case ALL -> true;
                case ALL_BUT_AGAINST_HEAD_TEACHER -> !againstHeadTeacher;
                case ONLY_AGAINST_HEAD_TEACHER -> againstHeadTeacher;
            };
        }
    }

    /**
     * policy: an allegation against staff is the head teacher's and the auditors' (R12); one against the head
     * teacher is the chair of governors' and the auditors', never the head teacher's; the chair sees nothing else.
     */
    public static StaffAllegationSight sightOfStaffAllegations(Role role) {
        return switch (role) {
            case AUDITOR -> StaffAllegationSight.ALL;
            case HEAD_TEACHER -> StaffAllegationSight.ALL_BUT_AGAINST_HEAD_TEACHER;
            case CHAIR_OF_GOVERNORS -> StaffAllegationSight.ONLY_AGAINST_HEAD_TEACHER;
            default -> StaffAllegationSight.NONE;
        };
    }

    /** policy: only the head teacher, and a recording system on the school's behalf, act on an allegation against staff (R12). */
    public static boolean actsOnStaffAllegations(Role role) {
        return STAFF_ALLEGATION_HANDLERS.contains(role);
    }

    /**
     * Whether the role is a person's, who can sign off a decision: closing an illegal incident, or closing,
     * reopening or sanctioning on an allegation against staff. A recording system reports and adds to a case;
     * it does not decide it.
     */
    public static boolean signsOff(Role role) {
        return role != Role.INTEGRATION;
    }

    /** The role names, as Spring Security's {@code hasAnyRole} takes them. */
    public static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    private static Set<Role> roles(Role first, Role... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    private static Set<Role> withRole(Set<Role> roles, Role role) {
        EnumSet<Role> union = EnumSet.copyOf(roles);
        union.add(role);
        return Collections.unmodifiableSet(union);
    }
}
