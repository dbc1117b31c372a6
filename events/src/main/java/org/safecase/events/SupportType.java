package org.safecase.events;

/** Support put in place for a person: never a sanction, and never in the sanctions history. */
public enum SupportType {
    COUNSELLING,
    EARLY_HELP,
    PASTORAL,
    EXTERNAL_SERVICE,
    OTHER
}
