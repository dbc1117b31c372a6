package org.safecase.events;

/**
 * What must be on record before an incident of a category may close. Each names the stable code of
 * the rule that refuses the closure while it is missing.
 */
public enum Requirement {
    /** policy: illegal material always goes to the police (R2). */
    POLICE_REFERRAL("POLICE_REFERRAL_REQUIRED"),
    /** policy: child abuse imagery is reported to the IWF (R3). */
    IWF_REPORT("IWF_REPORT_REQUIRED"),
    /** policy: radicalisation needs a Prevent decision (R5). */
    PREVENT_DECISION("PREVENT_DECISION_REQUIRED"),
    /** policy: sexting of under-18s needs a decision on Children's Services (R4). */
    CHILDRENS_SERVICES_DECISION("CHILDRENS_SERVICES_DECISION_REQUIRED"),
    /** policy: sexting and radicalisation go to the DSL (R4, R5). */
    DSL_INVOLVEMENT("DSL_INVOLVEMENT_REQUIRED"),
    /**
     * policy: sexting of under-18s goes to the police "if relevant" (seed 002; UKCIS leaves it to the DSL): a
     * referral, or a recorded decision not to refer with its rationale (R4); suspected child protection needs
     * police contact on record either way (R6).
     */
    POLICE_DECISION("POLICE_DECISION_REQUIRED"),
    /** policy: suspected child protection is told to the head teacher as well as the DSL (R6). */
    HEAD_TEACHER_INFORMED("HEAD_TEACHER_INFORMED_REQUIRED"),
    /** policy: serious incidents are notified to the local authority safeguarding officer: a decision on record (R7). */
    LA_SAFEGUARDING_DECISION("LA_SAFEGUARDING_DECISION_REQUIRED"),
    /**
     * KCSIE part 4: an allegation against a member of staff is discussed with the LADO within one working day; it
     * closes only with the LADO decision on record (referred, or the rationale for not referring).
     */
    LADO_DECISION("LADO_DECISION_REQUIRED");

    private final String rule;

    Requirement(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
