package org.safecase.events;

public enum EscalationTarget {
    DSL,
    HEAD_TEACHER
}
