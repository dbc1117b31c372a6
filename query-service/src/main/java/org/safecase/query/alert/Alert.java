package org.safecase.query.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that needs a DSL or head teacher now, content-free: which incident, its category code, what is due
 * ({@code DSL_ESCALATION}, {@code POLICE_DECISION}, {@code LADO_DECISION}, {@code PARENT_CONTACT}, {@code ACTION}, ...),
 * by when, and whether that time has passed. {@code key} identifies the duty itself (the same duty keeps its key
 * while it is open), so that a delivery of it is never repeated.
 */
public record Alert(String key, UUID incidentId, String schoolId, String category, String due, Instant dueAt,
                    boolean overdue) {
}
