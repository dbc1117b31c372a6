package org.safecase.events;

/** Whether a pupil's parents or carers were told of the incident (R17); not telling them needs a rationale. */
public enum ParentContactDecision {
    INFORMED,
    NOT_INFORMED
}
