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
    DSL_INVOLVEMENT("DSL_INVOLVEMENT_REQUIRED");

    private final String rule;

    Requirement(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
