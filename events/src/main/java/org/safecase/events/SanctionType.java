package org.safecase.events;

/** The action vocabulary of the policies' sanctions matrices (DOMAIN.md sections 8 and 9, R14). */
public enum SanctionType {
    WARNING(false),
    LETTER_HOME(false),
    PARENTS_INFORMED(false),
    COUNSELLING(false),
    DETENTION(false),
    DEVICE_CONFISCATION(false),
    ACCESS_SUSPENSION(true),
    EXTENDED_BAN(true),
    ISOLATION(true),
    EXCLUSION(true),
    EXTERNAL_SUPPORT_REFERRAL(false),
    STAFF_SUSPENSION(true),
    DISCIPLINARY_ACTION(false),
    DISMISSAL(false),
    OTHER(false);

    private final boolean timed;

    SanctionType(boolean timed) {
        this.timed = timed;
    }

    /** A timed sanction runs from its start to an end after it (policy: one week's suspension initially). */
    public boolean isTimed() {
        return timed;
    }
}
