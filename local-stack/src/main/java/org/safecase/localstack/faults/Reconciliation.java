package org.safecase.localstack.faults;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Checks, reading the real stores, that what the clients were told happened did happen, once: every
 * acknowledged command's event is in the event store exactly once; on the topic in order per incident
 * (redeliveries counted, not failed: delivery is at least once); applied once to the read models (the active
 * generation's checkpoints, incident log and timeline); and the read models equal a rebuild from the topic.
 */
public final class Reconciliation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where to read: the event store and query databases (JDBC, superuser), the broker and the topic. */
    public record Stores(String eventStoreJdbcUrl, String queryJdbcUrl, String user, String bootstrapServers,
                         String topic) {
    }

    /**
     * The figures, and each failure found (identifiers only). {@code lost}: acknowledged commands whose event
     * is not in the store; {@code storeDuplicates}: events in the store no command accounts for (a retry applied
     * twice); {@code topicDuplicates}: records delivered more than once (allowed); {@code topicMissing} and
     * {@code topicOutOfOrder}: stored events absent from the topic or after a later one of their incident;
     * {@code notApplied} and {@code appliedTwice}: positions missing from, or counted more than once in, a read
     * model; {@code rebuildDifferences}: rows in which the live generation and a rebuild from the topic differ.
     */
    public record Result(int incidents, long acknowledged, long appliedAnswerLost, long storedEvents, long lost,
                         long storeDuplicates, long topicRecords, long topicDuplicates, long topicMissing,
                         long topicOutOfOrder, long notApplied, long appliedTwice, long deadLettered,
                         String liveGeneration, String rebuiltGeneration, long rebuildDifferences, List<String> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final Stores stores;
    private final List<String> failures = new ArrayList<>();

    public Reconciliation(Stores stores) {
        this.stores = stores;
    }

    /** The schema of the generation that serves reads now. */
    public static String activeGeneration(Connection query) throws SQLException {
        try (Statement statement = query.createStatement();
             ResultSet rows = statement.executeQuery("SELECT schema_name FROM projection_generation WHERE status = 'ACTIVE'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * True once every incident's checkpoint in the active generation has reached its head; false while one lags
     * or the query database cannot be read (it may be the component that is down).
     */
    public static boolean caughtUp(String queryJdbcUrl, String user, Map<UUID, Long> heads) {
        if (heads.isEmpty()) {
            return true;
        }
        try (Connection query = DriverManager.getConnection(queryJdbcUrl, user, "")) {
            String schema = activeGeneration(query);
            if (schema == null) {
                return false;
            }
            Map<UUID, Long> applied = checkpoints(query, schema);
            for (Map.Entry<UUID, Long> head : heads.entrySet()) {
                Long checkpoint = applied.get(head.getKey());
                if (checkpoint == null || checkpoint < head.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (SQLException unreachable) {
            return false;
        }
    }

    /** Waits, polling, until the condition holds or the timeout passes; true if it held. */
    public static boolean await(BooleanSupplier condition, Duration timeout, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Reconciles the ledger with the stores; {@code rebuild} starts a rebuild of the projections from the topic
     * and returns the new generation's schema once it serves reads (null if it failed).
     */
    public Result reconcile(CommandLedger ledger, RebuildTrigger rebuild) throws Exception {
        Map<UUID, NavigableMap<Long, Boolean>> expected = ledger.streams();
        Set<UUID> uncertain = ledger.uncertainIncidents();
        for (String answer : ledger.unexpectedAnswers()) {
            failures.add("unexpected answer: " + answer);
        }
        Map<UUID, List<Long>> stored = eventStore(expected.keySet());
        long storedEvents = stored.values().stream().mapToLong(List::size).sum();
        long lost = 0;
        long storeDuplicates = 0;
        Map<UUID, Long> storeHeads = new HashMap<>();
        for (Map.Entry<UUID, NavigableMap<Long, Boolean>> incident : expected.entrySet()) {
            UUID id = incident.getKey();
            List<Long> positions = stored.getOrDefault(id, List.of());
            Set<Long> distinct = new HashSet<>(positions);
            storeDuplicates += positions.size() - distinct.size();
            for (Map.Entry<Long, Boolean> command : incident.getValue().entrySet()) {
                if (!distinct.contains(command.getKey())) {
                    lost++;
                    failures.add((command.getValue() ? "acknowledged" : "applied") + " command lost: incident " + id
                            + " sequence " + command.getKey());
                }
            }
            int unaccounted = distinct.size() - incident.getValue().size();
            if (unaccounted > (uncertain.contains(id) ? 1 : 0)) {
                storeDuplicates += unaccounted - (uncertain.contains(id) ? 1 : 0);
                failures.add(unaccounted + " stored event(s) no command accounts for: incident " + id);
            }
            for (long expectedPosition = 0; expectedPosition < distinct.size(); expectedPosition++) {
                if (!distinct.contains(expectedPosition)) {
                    failures.add("gap in the stored stream: incident " + id + " sequence " + expectedPosition);
                }
            }
            if (!positions.isEmpty()) {
                storeHeads.put(id, positions.get(positions.size() - 1));
            }
        }

        TopicCheck topic = topic(stored);

        long notApplied = 0;
        long appliedTwice = 0;
        long deadLettered;
        String live;
        try (Connection query = DriverManager.getConnection(stores.queryJdbcUrl, stores.user, "")) {
            live = activeGeneration(query);
            Map<UUID, Long> checkpoints = checkpoints(query, live);
            Map<UUID, Long> versions = longColumn(query, "SELECT incident_id, version FROM " + live + ".incident_log");
            Map<UUID, List<Long>> timeline = positions(query, "SELECT incident_id, sequence FROM " + live
                    + ".timeline_entry ORDER BY incident_id, sequence");
            for (Map.Entry<UUID, Long> head : storeHeads.entrySet()) {
                UUID id = head.getKey();
                long last = head.getValue();
                Long checkpoint = checkpoints.get(id);
                if (checkpoint == null || checkpoint != last) {
                    failures.add("checkpoint " + checkpoint + " but stored head " + last + ": incident " + id);
                    if (checkpoint == null || checkpoint < last) {
                        notApplied += last - (checkpoint == null ? -1 : checkpoint);
                    } else {
                        appliedTwice += checkpoint - last;
                    }
                }
                Long version = versions.get(id);
                if (version == null || version != last) {
                    failures.add("incident log at version " + version + " but stored head " + last + ": incident " + id);
                }
                List<Long> entries = timeline.getOrDefault(id, List.of());
                Set<Long> distinctEntries = new HashSet<>(entries);
                appliedTwice += entries.size() - distinctEntries.size();
                Set<Long> storedPositions = new HashSet<>(stored.get(id));
                Set<Long> missing = new HashSet<>(storedPositions);
                missing.removeAll(distinctEntries);
                Set<Long> extra = new HashSet<>(distinctEntries);
                extra.removeAll(storedPositions);
                notApplied += missing.size();
                appliedTwice += extra.size();
                if (!missing.isEmpty() || !extra.isEmpty() || entries.size() != distinctEntries.size()) {
                    failures.add("timeline of incident " + id + ": missing " + missing + ", not stored " + extra
                            + ", repeated " + (entries.size() - distinctEntries.size()));
                }
            }
            deadLettered = count(query, "SELECT count(*) FROM " + live + ".dead_lettered_event");
            if (deadLettered > 0) {
                failures.add(deadLettered + " event(s) dead-lettered in " + live);
            }
        }

        String rebuilt = rebuild.rebuild();
        long differences = 0;
        if (rebuilt == null) {
            failures.add("the rebuild from the topic did not switch over");
        } else {
            try (Connection query = DriverManager.getConnection(stores.queryJdbcUrl, stores.user, "")) {
                GenerationComparison comparison = new GenerationComparison(query);
                for (String table : comparison.tables(live)) {
                    long one = comparison.differences(live, rebuilt, table);
                    long other = comparison.differences(rebuilt, live, table);
                    if (one + other > 0) {
                        differences += one + other;
                        failures.add(table + ": " + one + " row(s) of " + live + " not in the rebuild " + rebuilt + " "
                                + comparison.differingRows(live, rebuilt, table) + ", " + other + " the other way "
                                + comparison.differingRows(rebuilt, live, table));
                    }
                }
            }
        }
        return new Result(expected.size(), ledger.acknowledged(), ledger.appliedAnswerLost(), storedEvents, lost,
                storeDuplicates, topic.records, topic.duplicates, topic.missing, topic.outOfOrder, notApplied, appliedTwice,
                deadLettered, live, rebuilt, differences, List.copyOf(failures));
    }

    /** Starts a rebuild from the topic and returns the new generation's schema once it serves reads, or null. */
    @FunctionalInterface
    public interface RebuildTrigger {
        String rebuild() throws Exception;
    }

    private Map<UUID, List<Long>> eventStore(Set<UUID> incidents) throws SQLException {
        try (Connection store = DriverManager.getConnection(stores.eventStoreJdbcUrl, stores.user, "");
             PreparedStatement select = store.prepareStatement("""
                     SELECT aggregate_identifier, sequence_number FROM domain_event_entry
                     WHERE aggregate_identifier = ANY (?) ORDER BY aggregate_identifier, sequence_number""")) {
            Array ids = store.createArrayOf("varchar", incidents.stream().map(UUID::toString).toArray());
            select.setArray(1, ids);
            Map<UUID, List<Long>> stored = new TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.computeIfAbsent(UUID.fromString(rows.getString(1)), id -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
            return stored;
        }
    }

    private record TopicCheck(long records, long duplicates, long missing, long outOfOrder) {
    }

    /** The whole topic, partition by partition from the start to its end now, checked against the store. */
    private TopicCheck topic(Map<UUID, List<Long>> stored) {
        Map<UUID, List<Long>> delivered = new HashMap<>();
        Map<UUID, Map<Long, String>> eventIds = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(stores.topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(partition.topic(), partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    failures.add("the topic could not be read to its end within 5 minutes");
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    JsonNode envelope = JSON.readTree(record.value());
                    UUID incident = UUID.fromString(envelope.get("incidentId").asString());
                    if (!stored.containsKey(incident)) {
                        continue;
                    }
                    long sequence = envelope.get("sequence").asLong();
                    String eventId = envelope.get("eventId").asString();
                    String before = eventIds.computeIfAbsent(incident, id -> new HashMap<>()).putIfAbsent(sequence, eventId);
                    if (before != null && !before.equals(eventId)) {
                        failures.add("two events at one position on the topic: incident " + incident + " sequence " + sequence);
                    }
                    delivered.computeIfAbsent(incident, id -> new ArrayList<>()).add(sequence);
                }
            }
        }
        long duplicates = 0;
        long missing = 0;
        long outOfOrder = 0;
        for (Map.Entry<UUID, List<Long>> incident : stored.entrySet()) {
            List<Long> sequence = delivered.getOrDefault(incident.getKey(), List.of());
            Set<Long> seen = new HashSet<>();
            long highest = -1;
            for (long position : sequence) {
                if (!seen.add(position)) {
                    duplicates++;
                } else if (position != highest + 1) {
                    outOfOrder++;
                    failures.add("on the topic out of order: incident " + incident.getKey() + " sequence " + position
                            + " after " + highest);
                }
                highest = Math.max(highest, position);
            }
            for (long position : incident.getValue()) {
                if (!seen.contains(position)) {
                    missing++;
                    failures.add("stored event not on the topic: incident " + incident.getKey() + " sequence " + position);
                }
            }
        }
        return new TopicCheck(records, duplicates, missing, outOfOrder);
    }

    private static Map<UUID, Long> checkpoints(Connection query, String schema) throws SQLException {
        return longColumn(query, "SELECT incident_id, last_sequence FROM " + schema + ".incident_checkpoint");
    }

    private static Map<UUID, Long> longColumn(Connection connection, String sql) throws SQLException {
        Map<UUID, Long> values = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.put(rows.getObject(1, UUID.class), rows.getLong(2));
            }
        }
        return values;
    }

    private static Map<UUID, List<Long>> positions(Connection connection, String sql) throws SQLException {
        Map<UUID, List<Long>> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>()).add(rows.getLong(2));
            }
        }
        return values;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
