package org.safecase.events;

public enum EscalationTarget {
    DSL,
    HEAD_TEACHER,
    /** An allegation against the head teacher goes to the chair of governors (KCSIE part 4). */
    CHAIR_OF_GOVERNORS
}
