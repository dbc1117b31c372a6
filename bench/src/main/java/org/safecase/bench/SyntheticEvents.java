package org.safecase.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safecase.events.Actor;
import org.safecase.events.Agency;
import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentEventTypes;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReported;
import org.safecase.events.Involvement;
import org.safecase.events.NoteAdded;
import org.safecase.events.Outcome;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.events.SubjectType;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Synthetic but valid event streams, published to the topic exactly as the command service's forwarder
 * publishes: key = incident id, value = the envelope JSON with the event record as payload, CloudEvents
 * binary-mode headers, record timestamp = recordedAt. No personal data: pupils are {@code P-nnnnnn},
 * every text says it is synthetic.
 */
final class SyntheticEvents {

    static final String CATALOGUE_VERSION = "2026.1";
    private static final String SOURCE = "/safecase/command-service";

    private static final CategoryRef CYBERBULLY = category("INA-CYBERBULLY",
            "Cyber-bullying, including homophobic, biphobic, transphobic and racist bullying", Classification.INAPPROPRIATE);
    private static final CategoryRef SOCIAL = category("INA-SOCIAL",
            "Unauthorised use of social media, messaging apps or personal email", Classification.INAPPROPRIATE);
    private static final CategoryRef DEVICE = category("INA-DEVICE",
            "Unauthorised use or connection of phones, cameras or other devices", Classification.INAPPROPRIATE);
    private static final CategoryRef FILTER = category("INA-FILTER-BYPASS",
            "Getting round filtering or other safeguards", Classification.INAPPROPRIATE);
    private static final CategoryRef CHILD_PROTECTION = new CategoryRef("SG-CP", "Suspected child-protection incident",
            Classification.SAFEGUARDING, List.of(Requirement.DSL_INVOLVEMENT), CATALOGUE_VERSION);
    private static final CategoryRef ILLEGAL_OTHER = new CategoryRef("ILL-OTHER", "Other criminal conduct, activity or material",
            Classification.ILLEGAL, List.of(Requirement.POLICE_REFERRAL), CATALOGUE_VERSION);
    private static final CategoryRef[] CATEGORIES = {CYBERBULLY, CYBERBULLY, CYBERBULLY, SOCIAL, SOCIAL, DEVICE, FILTER,
            CHILD_PROTECTION, CHILD_PROTECTION, ILLEGAL_OTHER};
    private static final SanctionType[] SANCTIONS = {SanctionType.WARNING, SanctionType.WARNING, SanctionType.DETENTION,
            SanctionType.LETTER_HOME, SanctionType.PARENTS_INFORMED, SanctionType.COUNSELLING,
            SanctionType.DEVICE_CONFISCATION, SanctionType.ACCESS_SUSPENSION, SanctionType.ISOLATION};

    private static final Actor INTEGRATION_A = new Actor("integration.a", Role.INTEGRATION);
    private static final Actor STAFF_A = new Actor("staff.a", Role.STAFF);
    private static final Actor DSL_A = new Actor("dsl.a", Role.DSL);
    private static final Actor DSL_B = new Actor("dsl.b", Role.DSL);

    private final JsonMapper json = JsonMapper.builder().build();
    private final SplittableRandom random = new SplittableRandom(20261124L);

    private static CategoryRef category(String code, String name, Classification classification) {
        return new CategoryRef(code, name, classification, List.of(), CATALOGUE_VERSION);
    }

    record Produced(long events, long incidents, long bytes, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** Produces at least {@code count} events, whole incidents at a time, with a fast idempotent producer. */
    Produced produce(Config config, long count) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // the incidents are reported over 120 days ending 5 days ago, oldest first; a stream lasts at most
        // about 2 days, so every time is in the past
        long incidentsEstimate = Math.max(1, count / 3);   // about 4.6 events per incident: a safe over-estimate
        Instant origin = Instant.now().minus(125, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long spacingMillis = Math.max(1, Duration.ofDays(120).toMillis() / incidentsEstimate);
        Instant latestReport = Instant.now().minus(5, ChronoUnit.DAYS);   // Kafka refuses timestamps in the future
        long events = 0;
        long incidents = 0;
        long bytes = 0;
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            while (events < count) {
                Instant reportedAt = min(origin.plusMillis(incidents * spacingMillis), latestReport);
                List<IncidentEvent> stream = incident(incidents, reportedAt);
                long sequence = 0;
                for (IncidentEvent event : stream) {
                    UUID eventId = uuid();
                    byte[] value = envelope(eventId, event, sequence++);
                    String key = event.incidentId().toString();
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.topic, null,
                            event.recordedAt().toEpochMilli(), key, value);
                    String type = IncidentEventTypes.typeName(event.getClass());
                    header(record, "ce_specversion", "1.0");
                    header(record, "ce_id", eventId.toString());
                    header(record, "ce_type", "org.safecase." + type + ".v" + IncidentEventTypes.schemaVersion(event.getClass()));
                    header(record, "ce_source", SOURCE);
                    header(record, "ce_time", event.recordedAt().toString());
                    header(record, "ce_subject", key);
                    header(record, "content-type", "application/json");
                    producer.send(record, (metadata, exception) -> {
                        if (exception != null) {
                            failed.compareAndSet(null, exception);
                        }
                    });
                    bytes += value.length;
                    events++;
                }
                incidents++;
                if (failed.get() != null) {
                    throw new IllegalStateException("Kafka refused a synthetic event", failed.get());
                }
                if (incidents % 50_000 == 0) {
                    System.out.printf("rebuild: produced %,d events (%,d incidents)%n", events, incidents);
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("Kafka refused a synthetic event", failed.get());
        }
        return new Produced(events, incidents, bytes, (System.nanoTime() - started) / 1e9);
    }

    /** The envelope as the forwarder serialises it: the event record, as a JSON tree, is the payload. */
    private byte[] envelope(UUID eventId, IncidentEvent event, long sequence) {
        Class<? extends IncidentEvent> type = event.getClass();
        IncidentEventEnvelope envelope = new IncidentEventEnvelope(eventId, event.incidentId(), event.schoolId(), sequence,
                IncidentEventTypes.typeName(type), IncidentEventTypes.schemaVersion(type), event.recordedAt(), event.actor(),
                json.valueToTree(event));
        return json.writeValueAsBytes(envelope);
    }

    /** One incident's whole stream: reported, then a realistic handful of follow-ups, often closed. */
    List<IncidentEvent> incident(long index, Instant reportedAt) {
        UUID id = uuid();
        boolean schoolA = index % 3 != 2;
        String school = schoolA ? "SCH-A" : "SCH-B";
        Actor reporter = schoolA ? (index % 2 == 0 ? INTEGRATION_A : STAFF_A) : DSL_B;
        Actor lead = schoolA ? DSL_A : DSL_B;
        CategoryRef category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        int subjectCount = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(1, 3));
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < subjectCount; i++) {
            // a pool of 20,000 pupil references, so that repeat infringements across incidents exist (R16)
            String reference = String.format("P-%06d", random.nextInt(20_000));
            if (subjects.stream().noneMatch(s -> s.reference().equals(reference))) {
                subjects.add(new Subject(SubjectType.PUPIL, reference,
                        i == 0 ? Involvement.ALLEGED : Involvement.AFFECTED, "Y" + random.nextInt(7, 12)));
            }
        }
        List<IncidentEvent> events = new ArrayList<>();
        Instant at = reportedAt;
        events.add(new IncidentReported(id, school, reporter, at, category, at.minus(45, ChronoUnit.MINUTES),
                "synthetic benchmark incident", subjects, random.nextInt(4) == 0,
                reporter == INTEGRATION_A ? new Source("SYNTHETIC", String.format("S-%07d", index)) : null,
                false, List.of()));
        boolean escalated = false;
        boolean policeReferred = false;
        int followUps = random.nextInt(1, 6);
        for (int i = 0; i < followUps; i++) {
            at = at.plus(random.nextInt(5, 180), ChronoUnit.MINUTES);
            int pick = random.nextInt(100);
            if (pick < 40) {
                events.add(new NoteAdded(id, school, random.nextBoolean() ? lead : reporter, at, "synthetic benchmark note"));
            } else if (pick < 58 && !escalated) {
                escalated = true;
                events.add(new IncidentEscalated(id, school, reporter, at, EscalationTarget.DSL, "synthetic benchmark escalation"));
            } else if (pick < 80) {
                Subject subject = subjects.get(random.nextInt(subjects.size()));
                SanctionType type = SANCTIONS[random.nextInt(SANCTIONS.length)];
                LocalDate startsOn = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1);
                events.add(new SanctionApplied(id, school, lead, at, subject.reference(), subject.type(), type, startsOn,
                        type.isTimed() ? startsOn.plusDays(random.nextInt(1, 8)) : null, null));
            } else if (pick < 90) {
                events.add(new ExternalReferralRecorded(id, school, lead, at,
                        random.nextBoolean() ? Agency.CHILDRENS_SERVICES : Agency.OTHER,
                        random.nextBoolean() ? ReferralDecision.REFERRED : ReferralDecision.NOT_REFERRED,
                        "synthetic benchmark rationale", null, at));
            } else if (pick < 95 && !policeReferred) {
                policeReferred = true;
                events.add(new PoliceReferralMade(id, school, lead, at, "Synthetic Constabulary",
                        String.format("CR-%06d", index % 1_000_000), at, null));
            } else if (category != CHILD_PROTECTION && category != ILLEGAL_OTHER) {
                CategoryRef to = category == CYBERBULLY ? SOCIAL : CYBERBULLY;
                events.add(new IncidentReclassified(id, school, lead, at, category, to, "synthetic benchmark reclassification"));
                category = to;
            } else {
                events.add(new NoteAdded(id, school, lead, at, "synthetic benchmark note"));
            }
        }
        if (random.nextInt(100) < 60) {
            // only a closure the policy allows: the DSL involved and the police referral on record where required
            if (category == CHILD_PROTECTION && !escalated) {
                at = at.plus(10, ChronoUnit.MINUTES);
                events.add(new IncidentEscalated(id, school, reporter, at, EscalationTarget.DSL, "synthetic benchmark escalation"));
            }
            if (category == ILLEGAL_OTHER && !policeReferred) {
                at = at.plus(10, ChronoUnit.MINUTES);
                events.add(new PoliceReferralMade(id, school, lead, at, "Synthetic Constabulary",
                        String.format("CR-%06d", index % 1_000_000), at, null));
            }
            at = at.plus(random.nextInt(60, 2000), ChronoUnit.MINUTES);
            Outcome outcome = category == ILLEGAL_OTHER ? Outcome.POLICE_ACTION
                    : random.nextBoolean() ? Outcome.INTERNAL_ACTION : Outcome.NO_FURTHER_ACTION;
            events.add(new IncidentClosed(id, school, lead, at, outcome, "synthetic benchmark closure"));
        }
        return events;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private UUID uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
