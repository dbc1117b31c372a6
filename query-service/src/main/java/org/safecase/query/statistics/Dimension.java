package org.safecase.query.statistics;

/** What a counter counts. Stored by name in {@code statistics_count.dimension}: never rename a constant. */
enum Dimension {
    /** Incidents reported; read back as the total and the months. */
    INCIDENTS,
    /** Incidents by their current classification. */
    CLASSIFICATION,
    /** Incidents by their current category, under its classification. */
    CATEGORY,
    /** Subjects (people) by type: one per subject of each incident. */
    SUBJECT_TYPE,
    /** Closed incidents by their final outcome. */
    OUTCOME,
    /** Incidents referred, once per target (the police, or an agency with the decision REFERRED). */
    REFERRAL
}
