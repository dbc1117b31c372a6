package org.safecase.events;

/** The triage split of the policies: the police route, the DSL route, or internal procedures. */
public enum Classification {
    ILLEGAL,
    SAFEGUARDING,
    INAPPROPRIATE
}
