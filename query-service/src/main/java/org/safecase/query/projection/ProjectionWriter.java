package org.safecase.query.projection;

import org.safecase.events.EventHashes;
import org.safecase.platform.privacy.FieldOpener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one event to one generation, inside the caller's transaction, together with the
 * incident's checkpoint: the event changes the projections exactly once however often it is
 * delivered, and only if it continues the incident's hash chain (its hash is the hash of its content,
 * its previousHash the hash of the last event applied); anything else is a {@link ChainBrokenException}.
 * Every {@link IncidentProjection} bean takes part, in {@code @Order}.
 */
@Component
public class ProjectionWriter {

    /** How strictly the incident's sequence is followed. */
    public enum Mode {
        /**
         * For the ACTIVE generation: an event after a gap whose chain still holds (the last event was
         * dead-lettered without a readable hash) is applied anyway, and reported; one whose chain does
         * not hold is refused like any broken link.
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
    private final GenerationScope scope;
    private final ProjectionStatements statements;
    private final FieldOpener fields;

    ProjectionWriter(List<IncidentProjection> projections, CheckpointRepository checkpoints, GenerationScope scope,
                     ProjectionStatements statements, FieldOpener fields) {
        this.projections = List.copyOf(projections);
        this.checkpoints = checkpoints;
        this.scope = scope;
        this.statements = statements;
        this.fields = fields;
    }

    /** Applies the event to the generation, whose tables the rest of the transaction then names (see {@link GenerationScope}). */
    public Outcome write(Generation generation, DecodedEvent event, Mode mode) {
        return writeAll(generation, List.of(event), mode).get(0);
    }

    /**
     * Applies the events, in their order, to the generation, with the same outcomes as writing them one by one: the
     * incidents' checkpoints are locked once and followed in memory, the data keys of the incidents and their people
     * are made ready in one round trip and held while the projections run ({@link FieldOpener#prepare}), each
     * projection takes the applied events in turn (the projections share no tables, so only each one's own order
     * matters) and the checkpoints move once. A broken link fails the whole call: the caller applies the events one by
     * one to find it.
     */
    public List<Outcome> writeAll(Generation generation, List<DecodedEvent> events, Mode mode) {
        scope.enter(generation);
        statements.open();
        Map<UUID, CheckpointRepository.Checkpoint> current =
                checkpoints.lockAll(events.stream().map(DecodedEvent::incidentId).toList());
        Map<UUID, CheckpointRepository.Checkpoint> advanced = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<DecodedEvent> applied = new ArrayList<>(events.size());
        for (DecodedEvent event : events) {
            CheckpointRepository.Checkpoint checkpoint = current.get(event.incidentId());
            Outcome outcome = next(checkpoint, event.sequence(), mode);
            if (outcome.applied()) {
                requireChained(checkpoint, event);
                CheckpointRepository.Checkpoint after =
                        new CheckpointRepository.Checkpoint(event.sequence(), event.envelope().hash());
                current.put(event.incidentId(), after);
                advanced.put(event.incidentId(), after);
                applied.add(event);
            }
            outcomes.add(outcome);
        }
        try (FieldOpener.Prepared keys = fields.prepare(advanced.keySet(),
                applied.stream().flatMap(event -> event.subjectIds().stream()).toList())) {
            for (IncidentProjection projection : projections) {
                projection.applyAll(applied);
                statements.flush();
            }
        }
        checkpoints.advanceAll(advanced);
        return outcomes;
    }

    /**
     * Moves an incident's checkpoint past an event that was dead-lettered, as if it had been applied,
     * so that the incident's later events apply (following the same {@link Mode}). Its hash, if it could
     * be read, is the one the next event must name.
     */
    public Outcome passOver(Generation generation, EventIdentity event, Mode mode) {
        if (event.incidentId() == null || event.sequence() == null || event.sequence() < 0) {
            return Outcome.DUPLICATE; // the record names no incident's event: there is nothing to pass over
        }
        scope.enter(generation);
        Outcome outcome = next(checkpoints.lock(event.incidentId()), event.sequence(), mode);
        if (outcome.applied()) {
            checkpoints.advance(event.incidentId(), event.sequence(), event.hash());
        }
        return outcome;
    }

    private static Outcome next(CheckpointRepository.Checkpoint checkpoint, long sequence, Mode mode) {
        long last = checkpoint.lastSequence();
        if (sequence <= last) {
            return Outcome.DUPLICATE;
        }
        if (sequence == last + 1) {
            return Outcome.APPLIED;
        }
        return mode == Mode.STRICT ? Outcome.NOT_NEXT : Outcome.APPLIED_AFTER_GAP;
    }

    /** The event's hash is its content's, and it names the last applied event's hash as its previous one. */
    private static void requireChained(CheckpointRepository.Checkpoint checkpoint, DecodedEvent event) {
        String previous = event.envelope().previousHash();
        if (previous == null || event.envelope().hash() == null) {
            throw new ChainBrokenException("the event carries no hash chain");
        }
        if (!EventHashes.hashMatches(event.published())) {
            throw new ChainBrokenException("the event's hash is not the hash of its content");
        }
        if (checkpoint.lastHash() != null && !checkpoint.lastHash().equals(previous)) {
            throw new ChainBrokenException("its previousHash is not the hash of the incident's last applied event (sequence "
                    + checkpoint.lastSequence() + ")");
        }
    }
}
