package org.safecase.query.projection;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Applies one event to one generation, inside the caller's transaction, together with the
 * incident's checkpoint: the event changes the projections exactly once however often it is
 * delivered. Every {@link IncidentProjection} bean takes part, in {@code @Order}.
 */
@Component
public class ProjectionWriter {

    /** How strictly the incident's sequence is followed. */
    public enum Mode {
        /**
         * For the ACTIVE generation: an event after a gap is applied anyway (the reads should not
         * stall on a missing event), and reported; a later copy of the missing event is then a duplicate.
         */
        LENIENT,
        /**
         * For a BUILDING generation: only the incident's next event is applied. The rebuild reads
         * the topic from the start and fills each incident in order; the live consumer only adds what
         * comes after the point the rebuild has reached, and leaves gaps to it.
         */
        STRICT
    }

    public enum Outcome {
        APPLIED,
        APPLIED_AFTER_GAP,
        /** Already applied: a redelivery or a duplicate. */
        DUPLICATE,
        /** Not the incident's next event, in {@link Mode#STRICT}. */
        NOT_NEXT;

        public boolean applied() {
            return this == APPLIED || this == APPLIED_AFTER_GAP;
        }
    }

    private final List<IncidentProjection> projections;
    private final CheckpointRepository checkpoints;

    ProjectionWriter(List<IncidentProjection> projections, CheckpointRepository checkpoints) {
        this.projections = List.copyOf(projections);
        this.checkpoints = checkpoints;
    }

    public Outcome write(String schema, DecodedEvent event, Mode mode) {
        Outcome outcome = next(schema, event.incidentId(), event.sequence(), mode);
        if (outcome.applied()) {
            for (IncidentProjection projection : projections) {
                projection.apply(event.envelope(), event.event(), schema);
            }
            checkpoints.advance(schema, event.incidentId(), event.sequence());
        }
        return outcome;
    }

    /**
     * Moves an incident's checkpoint past an event that was dead-lettered, as if it had been applied,
     * so that the incident's later events apply (following the same {@link Mode}).
     */
    public Outcome passOver(String schema, EventIdentity event, Mode mode) {
        if (event.incidentId() == null || event.sequence() == null || event.sequence() < 0) {
            return Outcome.DUPLICATE; // the record names no incident's event: there is nothing to pass over
        }
        Outcome outcome = next(schema, event.incidentId(), event.sequence(), mode);
        if (outcome.applied()) {
            checkpoints.advance(schema, event.incidentId(), event.sequence());
        }
        return outcome;
    }

    private Outcome next(String schema, UUID incidentId, long sequence, Mode mode) {
        long last = checkpoints.lockLastSequence(schema, incidentId);
        if (sequence <= last) {
            return Outcome.DUPLICATE;
        }
        if (sequence == last + 1) {
            return Outcome.APPLIED;
        }
        return mode == Mode.STRICT ? Outcome.NOT_NEXT : Outcome.APPLIED_AFTER_GAP;
    }
}
