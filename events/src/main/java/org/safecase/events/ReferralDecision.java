package org.safecase.events;

public enum ReferralDecision {
    REFERRED,
    NOT_REFERRED
}
