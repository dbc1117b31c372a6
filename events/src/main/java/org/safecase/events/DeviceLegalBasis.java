package org.safecase.events;

/** The lawful basis on which a device was taken (R11): a search under the Education Act 2011, the owner's consent, or the police's request. */
public enum DeviceLegalBasis {
    EDUCATION_ACT_SEARCH,
    CONSENT,
    POLICE_REQUEST
}
