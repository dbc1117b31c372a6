package org.safecase.events;

/** The kinds of evidence a school keeps (R8); in child-abuse-imagery and under-18 sexting incidents no copy is ever taken (R9). */
public enum EvidenceKind {
    URL,
    MESSAGE,
    SCREENSHOT,
    LOG,
    DOCUMENT,
    OTHER
}
