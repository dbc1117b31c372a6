package org.safecase.platform.privacy;

/** Where a data key stands. */
public enum KeyStatus {
    /** The key exists and can seal and open. */
    PRESENT,
    /** The key was destroyed (erasure or disposal): what it sealed is unreadable for good. */
    DESTROYED,
    /** No key by this id was ever made. */
    ABSENT
}
