package org.safecase.events;

/** How parents or carers were told (R17). */
public enum ContactMethod {
    PHONE,
    MEETING,
    LETTER,
    EMAIL
}
