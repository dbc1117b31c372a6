package org.safecase.localstack.faults;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the load's clients know happened: per incident, the stream positions of the commands that were
 * acknowledged (a 2xx) and of those applied by an attempt whose answer was lost (a retry with the same
 * {@code If-Match} answered 412: only that earlier attempt can have moved the version, each incident having one
 * client). Incidents a client gave up on with an attempt unanswered are uncertain: at most one event more.
 */
public final class CommandLedger {

    /** One command's fate, for the recovery figures: when it was due, when it ended, how it ended. */
    public record Completed(long dueNanos, long startedNanos, long endedNanos, Outcome outcome, int failedAttempts) {
    }

    public enum Outcome { ACKNOWLEDGED, APPLIED_ANSWER_LOST, REFUSED, GAVE_UP }

    private final Map<UUID, NavigableMap<Long, Boolean>> streams = new ConcurrentHashMap<>();
    private final Set<UUID> uncertain = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong appliedAnswerLost = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    final AtomicLong retriedCommands = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();

    void applied(UUID incident, long sequence, boolean acknowledged) {
        Boolean before = streams.computeIfAbsent(incident, id -> new ConcurrentSkipListMap<>()).putIfAbsent(sequence, acknowledged);
        if (before != null) {
            unexpected("two commands answered with one position: incident " + incident + " sequence " + sequence);
        }
        (acknowledged ? this.acknowledged : appliedAnswerLost).incrementAndGet();
    }

    void uncertain(UUID incident) {
        uncertain.add(incident);
    }

    void unexpected(String what) {
        unexpected.add(what);
    }

    void completed(Completed command) {
        completed.add(command);
        switch (command.outcome()) {
            case REFUSED -> refused.incrementAndGet();
            case GAVE_UP -> gaveUp.incrementAndGet();
            default -> { }
        }
        if (command.failedAttempts() > 0) {
            retriedCommands.incrementAndGet();
            failedAttempts.addAndGet(command.failedAttempts());
        }
    }

    /** Every incident the clients reported, with the positions of the commands applied to it. */
    public Map<UUID, NavigableMap<Long, Boolean>> streams() {
        Map<UUID, NavigableMap<Long, Boolean>> copy = new TreeMap<>();
        streams.forEach((id, stream) -> copy.put(id, new TreeMap<>(stream)));
        return copy;
    }

    /** The highest applied position of each incident now: what the projections must reach. */
    public Map<UUID, Long> heads() {
        return streams.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().lastKey()));
    }

    public Set<UUID> uncertainIncidents() {
        return Set.copyOf(uncertain);
    }

    public List<Completed> completedCommands() {
        return List.copyOf(completed);
    }

    public List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long appliedAnswerLost() {
        return appliedAnswerLost.get();
    }

    public long refused() {
        return refused.get();
    }

    public long gaveUp() {
        return gaveUp.get();
    }

    public long retriedCommands() {
        return retriedCommands.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }
}
