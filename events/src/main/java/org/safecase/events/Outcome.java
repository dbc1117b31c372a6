package org.safecase.events;

/** How an incident ended: the substance decision of the SWGfL procedure (R10), plus no further action. */
public enum Outcome {
    INTERNAL_ACTION,
    EXTERNAL_AGENCY_ACTION,
    POLICE_ACTION,
    UNFOUNDED,
    NO_FURTHER_ACTION
}
