package org.safecase.events;

/** Whom a seized device was handed to. */
public enum DeviceRecipient {
    POLICE,
    OWNER,
    PARENT_CARER
}
