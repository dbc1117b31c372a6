package org.safecase.events;

/** External bodies a school refers to, besides the police (DOMAIN.md section 6). */
public enum Agency {
    IWF,
    CEOP,
    CHILDRENS_SERVICES,
    LA_SAFEGUARDING,
    LADO,
    PREVENT,
    OTHER,
    /** Only as a recorded decision not to involve the police; a referral to them is a {@link PoliceReferralMade}. */
    POLICE
}
