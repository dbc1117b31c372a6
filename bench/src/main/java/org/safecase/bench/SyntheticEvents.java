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
import org.safecase.events.CloudEventHeaders;
import org.safecase.events.EscalationTarget;
import org.safecase.events.EventHashes;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReported;
import org.safecase.events.Involvement;
import org.safecase.events.NoteAdded;
import org.safecase.events.Outcome;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.Sealed;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.PersonalData;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Synthetic but valid event streams, published to the topic exactly as the command service's forwarder
 * publishes: key = incident id, value = the envelope JSON with the event record as payload, CloudEvents
 * binary-mode headers, record timestamp = recordedAt. Personal fields are sealed as the command service
 * seals them: each incident gets its data key in the stack's privacy database, each pupil reference is
 * resolved through the school's keyed subject index, and every text is encrypted with those keys, so that
 * the query service opens them as it opens real ones. No personal data: pupils are {@code P-nnnnnn},
 * every text says it is synthetic.
 */
final class SyntheticEvents {

    static final String CATALOGUE_VERSION = "2026.1";
    /** More than any synthetic incident has: bounds how far the last incidents under way overshoot the count. */
    private static final int MOST_EVENTS_PER_INCIDENT = 10;

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
    private final SplittableRandom random;
    private final PersonalData personalData;
    /** school and reference → subject id: the index is asked once per pupil, then the id is reused. */
    private final Map<String, UUID> subjectIds = new ConcurrentHashMap<>();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final LongAdder keyNanos = new LongAdder();
    private final LongAdder keyCpuNanos = new LongAdder();
    private final LongAdder subjectNanos = new LongAdder();
    private final LongAdder subjectCpuNanos = new LongAdder();
    private final LongAdder subjectsResolved = new LongAdder();
    private final LongAdder sealNanos = new LongAdder();
    private final LongAdder fieldsSealed = new LongAdder();

    /** The generator of the rebuild phase: the same incidents on every run. */
    SyntheticEvents(PersonalData personalData) {
        this(personalData, 20261124L);
    }

    SyntheticEvents(PersonalData personalData, long seed) {
        this.personalData = personalData;
        this.random = new SplittableRandom(seed);
    }

    private static CategoryRef category(String code, String name, Classification classification) {
        return new CategoryRef(code, name, classification, List.of(), CATALOGUE_VERSION);
    }

    /**
     * What was produced, and what the personal data cost the generator, summed over its worker threads: wall
     * and CPU seconds for the incident keys made and the subject ids resolved through the index (round
     * trips included), wall seconds for the fields sealed.
     */
    record Produced(long events, long incidents, long bytes, double seconds, int threads, double workerSeconds,
                    double keySeconds, double keyCpuSeconds, long subjects, double subjectSeconds,
                    double subjectCpuSeconds, long fields, double sealSeconds) {
        double eventsPerSecond() {
            return events / seconds;
        }

        String privacyCost() {
            return String.format(Locale.ROOT, "%d generator threads, %.1f thread-seconds in all, of which %,d incident keys "
                            + "made %.1f s (CPU %.1f s), %,d subject ids resolved through the index, then cached, %.1f s "
                            + "(CPU %.1f s), %,d fields sealed %.1f s", threads, workerSeconds, incidents, keySeconds,
                    keyCpuSeconds, subjects, subjectSeconds, subjectCpuSeconds, fields, sealSeconds);
        }
    }

    /**
     * Produces at least {@code count} events, whole incidents at a time, with a fast idempotent producer.
     * Worker threads make, seal and send whole incidents (so each incident's events keep their order on its
     * partition), so that the privacy database's round trips for one incident overlap the others' work.
     */
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
        int threads = Math.max(1, config.generatorThreads);
        LongAdder events = new LongAdder();
        LongAdder bytes = new LongAdder();
        LongAdder workerNanos = new LongAdder();
        AtomicLong done = new AtomicLong();
        AtomicLong underWay = new AtomicLong();
        Semaphore queued = new Semaphore(threads * 4);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long incidents = 0;
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            while (failed.get() == null) {
                long sent = events.sum();
                if (sent >= count && underWay.get() == 0) {
                    break;
                }
                if (sent + underWay.get() * MOST_EVENTS_PER_INCIDENT >= count) {
                    Thread.sleep(1);   // enough incidents under way to reach the count: wait for them
                    continue;
                }
                queued.acquire();
                underWay.incrementAndGet();
                long index = incidents++;
                Instant reportedAt = min(origin.plusMillis(index * spacingMillis), latestReport);
                SplittableRandom incidentRandom = nextIncidentRandom();   // the same streams, whichever thread makes them
                workers.execute(() -> {
                    long taskStarted = System.nanoTime();
                    try {
                        long sequence = 0;
                        String previousHash = EventHashes.GENESIS;
                        for (IncidentEvent event : incident(index, reportedAt, incidentRandom)) {
                            IncidentEventEnvelope envelope = EventHashes.envelope(uuid(incidentRandom), sequence++, event,
                                    previousHash, null, json);
                            previousHash = envelope.hash();
                            bytes.add(send(producer, config, envelope, failed));
                            events.increment();
                        }
                        if (done.incrementAndGet() % 50_000 == 0) {
                            System.out.printf("rebuild: produced %,d events (%,d incidents)%n", events.sum(), done.get());
                        }
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    } finally {
                        workerNanos.add(System.nanoTime() - taskStarted);
                        underWay.decrementAndGet();
                        queued.release();
                    }
                });
            }
            workers.shutdown();
            if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
                failed.compareAndSet(null, new IllegalStateException("the generator's workers did not finish"));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing synthetic events", e);
        } finally {
            workers.shutdownNow();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a synthetic event could not be made or sent", failed.get());
        }
        return new Produced(events.sum(), incidents, bytes.sum(), (System.nanoTime() - started) / 1e9, threads,
                workerNanos.sum() / 1e9, keyNanos.sum() / 1e9, keyCpuNanos.sum() / 1e9, subjectsResolved.sum(),
                subjectNanos.sum() / 1e9, subjectCpuNanos.sum() / 1e9, fieldsSealed.sum(), sealNanos.sum() / 1e9);
    }

    /** Sends one event as the forwarder does (envelope and headers made where the forwarder's are); its size in bytes. */
    private int send(KafkaProducer<String, byte[]> producer, Config config, IncidentEventEnvelope envelope,
                     AtomicReference<Exception> failed) {
        byte[] value = json.writeValueAsBytes(envelope);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.topic, null,
                envelope.recordedAt().toEpochMilli(), envelope.incidentId().toString(), value);
        CloudEventHeaders.of(envelope, CloudEventHeaders.SOURCE).forEach((name, header) -> header(record, name, header));
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failed.compareAndSet(null, exception);
            }
        });
        return value.length;
    }

    /** A pupil of the incident: the subject id names their key; the reference is needed again for a sanction. */
    private record Pupil(UUID subjectId, String reference) {
    }

    /**
     * One incident's whole stream: reported, then a realistic handful of follow-ups, often closed. Its data
     * key is made first and its fields sealed as the command service seals them.
     */
    List<IncidentEvent> incident(long index, Instant reportedAt, SplittableRandom random) {
        UUID id = uuid(random);
        long keyStarted = System.nanoTime();
        long keyCpuStarted = threads.getCurrentThreadCpuTime();
        personalData.createIncidentKey(id);
        keyCpuNanos.add(threads.getCurrentThreadCpuTime() - keyCpuStarted);
        keyNanos.add(System.nanoTime() - keyStarted);
        boolean schoolA = index % 3 != 2;
        String school = schoolA ? "SCH-A" : "SCH-B";
        Actor reporter = schoolA ? (index % 2 == 0 ? INTEGRATION_A : STAFF_A) : DSL_B;
        Actor lead = schoolA ? DSL_A : DSL_B;
        CategoryRef category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        int subjectCount = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(1, 3));
        List<Pupil> pupils = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < subjectCount; i++) {
            // a pool of 20,000 pupil references, so that repeat infringements across incidents exist (R16)
            String reference = String.format("P-%06d", random.nextInt(20_000));
            String yearGroup = "Y" + random.nextInt(7, 12);
            if (pupils.stream().noneMatch(p -> p.reference().equals(reference))) {
                UUID subjectId = subjectId(school, reference);
                pupils.add(new Pupil(subjectId, reference));
                subjects.add(new Subject(subjectId, SubjectType.PUPIL, sealFor(id, subjectId, "reference", reference),
                        i == 0 ? Involvement.ALLEGED : Involvement.AFFECTED, sealFor(id, subjectId, "yearGroup", yearGroup),
                        null));
            }
        }
        List<IncidentEvent> events = new ArrayList<>();
        Instant at = reportedAt;
        events.add(new IncidentReported(id, school, reporter, at, category, at.minus(45, ChronoUnit.MINUTES),
                seal(id, "summary", "synthetic benchmark incident"), subjects, random.nextInt(4) == 0,
                reporter == INTEGRATION_A ? new Source("SYNTHETIC", String.format("S-%07d", index)) : null,
                false, List.of(), null));
        boolean escalated = false;
        boolean policeReferred = false;
        int followUps = random.nextInt(1, 6);
        for (int i = 0; i < followUps; i++) {
            at = at.plus(random.nextInt(5, 180), ChronoUnit.MINUTES);
            int pick = random.nextInt(100);
            if (pick < 40) {
                events.add(new NoteAdded(id, school, random.nextBoolean() ? lead : reporter, at,
                        seal(id, "text", "synthetic benchmark note")));
            } else if (pick < 58 && !escalated) {
                escalated = true;
                events.add(new IncidentEscalated(id, school, reporter, at, EscalationTarget.DSL,
                        seal(id, "reason", "synthetic benchmark escalation")));
            } else if (pick < 80) {
                Pupil pupil = pupils.get(random.nextInt(pupils.size()));
                SanctionType type = SANCTIONS[random.nextInt(SANCTIONS.length)];
                LocalDate startsOn = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1);
                events.add(new SanctionApplied(id, school, lead, at, pupil.subjectId(),
                        sealFor(id, pupil.subjectId(), "subjectReference", pupil.reference()), SubjectType.PUPIL, type,
                        startsOn, type.isTimed() ? startsOn.plusDays(random.nextInt(1, 8)) : null, null));
            } else if (pick < 90) {
                events.add(new ExternalReferralRecorded(id, school, lead, at,
                        random.nextBoolean() ? Agency.CHILDRENS_SERVICES : Agency.OTHER,
                        random.nextBoolean() ? ReferralDecision.REFERRED : ReferralDecision.NOT_REFERRED,
                        seal(id, "rationale", "synthetic benchmark rationale"), null, at));
            } else if (pick < 95 && !policeReferred) {
                policeReferred = true;
                events.add(policeReferral(id, school, lead, at, index));
            } else if (category != CHILD_PROTECTION && category != ILLEGAL_OTHER) {
                CategoryRef to = category == CYBERBULLY ? SOCIAL : CYBERBULLY;
                events.add(new IncidentReclassified(id, school, lead, at, category, to,
                        seal(id, "reason", "synthetic benchmark reclassification")));
                category = to;
            } else {
                events.add(new NoteAdded(id, school, lead, at, seal(id, "text", "synthetic benchmark note")));
            }
        }
        if (random.nextInt(100) < 60) {
            // only a closure the policy allows: the DSL involved and the police referral on record where required
            if (category == CHILD_PROTECTION && !escalated) {
                at = at.plus(10, ChronoUnit.MINUTES);
                events.add(new IncidentEscalated(id, school, reporter, at, EscalationTarget.DSL,
                        seal(id, "reason", "synthetic benchmark escalation")));
            }
            if (category == ILLEGAL_OTHER && !policeReferred) {
                at = at.plus(10, ChronoUnit.MINUTES);
                events.add(policeReferral(id, school, lead, at, index));
            }
            at = at.plus(random.nextInt(60, 2000), ChronoUnit.MINUTES);
            Outcome outcome = category == ILLEGAL_OTHER ? Outcome.POLICE_ACTION
                    : random.nextBoolean() ? Outcome.INTERNAL_ACTION : Outcome.NO_FURTHER_ACTION;
            events.add(new IncidentClosed(id, school, lead, at, outcome, seal(id, "summary", "synthetic benchmark closure")));
        }
        return events;
    }

    private PoliceReferralMade policeReferral(UUID id, String school, Actor lead, Instant at, long index) {
        return new PoliceReferralMade(id, school, lead, at, "Synthetic Constabulary",
                seal(id, "crimeReference", String.format("CR-%06d", index % 1_000_000)), at, null);
    }

    /** The pupil's subject id, from the school's keyed index the first time (which makes their key), then remembered. */
    private UUID subjectId(String school, String reference) {
        String key = school + '/' + reference;
        UUID known = subjectIds.get(key);
        if (known != null) {
            return known;
        }
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        UUID resolved = personalData.subject(school, reference);
        subjectCpuNanos.add(threads.getCurrentThreadCpuTime() - cpuStarted);
        subjectNanos.add(System.nanoTime() - started);
        subjectsResolved.increment();
        UUID raced = subjectIds.putIfAbsent(key, resolved);   // the index gives another thread the same id
        return raced != null ? raced : resolved;
    }

    private Sealed seal(UUID incidentId, String field, String text) {
        long started = System.nanoTime();
        Sealed sealed = personalData.seal(incidentId, field, text);
        sealNanos.add(System.nanoTime() - started);
        fieldsSealed.increment();
        return sealed;
    }

    private Sealed sealFor(UUID incidentId, UUID subjectId, String field, String text) {
        long started = System.nanoTime();
        Sealed sealed = personalData.sealFor(incidentId, subjectId, field, text);
        sealNanos.add(System.nanoTime() - started);
        fieldsSealed.increment();
        return sealed;
    }

    /** A random stream for each incident, split from the generator's own: the same incidents on every run. */
    SplittableRandom nextIncidentRandom() {
        return random.split();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
