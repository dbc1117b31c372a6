package org.safecase.query.statistics;

import org.safecase.query.projection.Generation;
import org.safecase.query.projection.GenerationScope;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.Test;
import org.safecase.events.ActionAssigned;
import org.safecase.events.Agency;
import org.safecase.events.EvidenceKind;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SupportProvided;
import org.safecase.events.SupportType;
import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.Involvement;
import org.safecase.events.Outcome;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.statistics.StatisticsRepository.CountRow;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.safecase.query.support.TestIncident.Person;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.DSL;
import static org.safecase.query.support.TestIncident.GROOMING;
import static org.safecase.query.support.TestIncident.STAFF;

/**
 * The statistics end to end: envelopes produced on the real topic, projected by the consumer, read over
 * HTTP as the demo users. Each test reports its incidents in a year of its own, long past, so that
 * tests do not see each other's incidents (other tests record theirs now, which the statistics count
 * only from next month).
 */
class StatisticsApiTest extends QueryServiceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final CategoryRef SEXTING = new CategoryRef("ILL-SEXTING-U18", "Sexting (under 18)",
            Classification.ILLEGAL, List.of(Requirement.POLICE_REFERRAL, Requirement.CHILDRENS_SERVICES_DECISION,
            Requirement.DSL_INVOLVEMENT), "2026.1");
    private static final CategoryRef STAFF_PUPIL_COMMS = new CategoryRef("STF-PUPIL-COMMS",
            "Staff contacting pupils privately", Classification.INAPPROPRIATE, List.of(), "2026.1");
    private static final List<String> CATALOGUE = List.of("ILL-SEXTING-U18", "ILL-GROOMING", "SG-CP", "INA-CYBERBULLY");

    @Autowired
    StatisticsRepository repository;

    @Autowired
    GenerationScope generationScope;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    GovernorStatistics statistics;

    /** One incident's events, recorded at the times the test gives. */
    private final class Case {
        final TestIncident incident;
        final String school;
        final Instant reportedAt;
        final List<IncidentEventEnvelope> sent = new ArrayList<>();

        Case(String school, CategoryRef category, Instant reportedAt, Person... subjects) {
            this.incident = incident(school);
            this.school = school;
            this.reportedAt = reportedAt;
            send(incident.reported(category, STAFF, reportedAt.minus(1, ChronoUnit.HOURS), reportedAt, subjects));
        }

        Case escalatedAfter(Duration after) {
            return send(incident.envelope(new IncidentEscalated(incident.id(), school, DSL, reportedAt.plus(after),
                    EscalationTarget.DSL, incident.sealed("reason", "Needs the DSL"))));
        }

        Case referredToPolice(Instant at) {
            return send(incident.envelope(new PoliceReferralMade(incident.id(), school, DSL, at, "Met",
                    incident.sealed("crimeReference", "CR-1"), at, incident.sealed("notes", "n"))));
        }

        Case referral(Agency agency, ReferralDecision decision, Instant at) {
            return send(incident.envelope(new ExternalReferralRecorded(incident.id(), school, DSL, at, agency, decision,
                    incident.sealed("rationale", "rationale"), incident.sealed("reference", "REF-1"), at)));
        }

        Case reclassified(CategoryRef from, CategoryRef to, Instant at) {
            return send(incident.envelope(new IncidentReclassified(incident.id(), school, DSL, at, from, to,
                    incident.sealed("reason", "reason"))));
        }

        Case closed(Outcome outcome, Instant at) {
            return send(incident.envelope(new IncidentClosed(incident.id(), school, DSL, at, outcome,
                    incident.sealed("summary", "Closed"))));
        }

        Case reopened(Instant at) {
            return send(incident.envelope(new IncidentReopened(incident.id(), school, DSL, at,
                    incident.sealed("reason", "New information"))));
        }

        Case send(IncidentEventEnvelope envelope) {
            stream.send(envelope);
            sent.add(envelope);
            return this;
        }

        void awaitProjected() {
            StatisticsApiTest.this.awaitProjected(incident, incident.nextSequence() - 1);
        }
    }

    private static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    private static Person pupil() {
        return new Person(SubjectType.PUPIL, TestIncident.uniqueReference(), Involvement.AFFECTED, "Y6");
    }

    private static Person parent() {
        return new Person(SubjectType.PARENT_CARER, TestIncident.uniqueReference(), Involvement.INVOLVED, null);
    }

    private List<Case> many(int count, String school, CategoryRef category, Instant at) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new Case(school, category, at.plus(i, ChronoUnit.MINUTES), pupil()));
        }
        return cases;
    }

    private static void awaitAll(List<Case> cases) {
        cases.forEach(Case::awaitProjected);
    }

    private JsonNode read(String query, String user) {
        Response response = http().get("/api/v1/statistics?" + query, user);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    /** The school's raw counters for the year, as they stand now (everything recorded so far). */
    private Map<String, Long> counters(String school, int year) {
        List<CountRow> rows = generationScope.read(() -> repository.counts(List.of(school), YearMonth.of(year, 1),
                YearMonth.of(year, 12), LocalDate.of(9999, 1, 1), true));
        return rows.stream().collect(Collectors.groupingBy(
                r -> r.dimension() + (r.parent().isEmpty() ? "" : "/" + r.parent()) + (r.item().isEmpty() ? "" : "/" + r.item()),
                Collectors.summingLong(CountRow::count)));
    }

    private static String uniqueSchool() {
        return "SCH-T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGovernorReadsTheirSchoolsFiguresAndTheTrustReadsTheSumOfItsSchools() {
        List<Case> cases = new ArrayList<>();
        for (Case c : many(7, "SCH-A", CYBERBULLYING, at("2011-01-10T09:00:00"))) {
            cases.add(c.escalatedAfter(Duration.ofHours(2)));
        }
        for (int i = 0; i < 6; i++) {
            Case c = new Case("SCH-A", CHILD_PROTECTION, at("2011-02-07T10:00:00").plus(i, ChronoUnit.HOURS), pupil(), parent())
                    .escalatedAfter(Duration.ofMinutes(30))
                    .referral(Agency.CHILDRENS_SERVICES, ReferralDecision.REFERRED, at("2011-02-08T10:00:00"))
                    .closed(Outcome.EXTERNAL_AGENCY_ACTION, at("2011-03-01T10:00:00"));
            if (i == 0) {
                // recorded twice: still one incident referred
                c.referral(Agency.CHILDRENS_SERVICES, ReferralDecision.REFERRED, at("2011-02-09T10:00:00"));
            }
            cases.add(c);
        }
        cases.addAll(many(6, "SCH-B", CYBERBULLYING, at("2011-01-20T09:00:00")));
        awaitAll(cases);

        JsonNode report = read("schoolId=SCH-A&from=2011-01-01&to=2011-12-31", "governor.a");

        assertThat(report.get("scope").get("schoolId").asString()).isEqualTo("SCH-A");
        assertThat(report.get("from").asString()).isEqualTo("2011-01-01");
        assertThat(report.get("to").asString()).isEqualTo("2011-12-31");
        assertThat(report.get("threshold").asInt()).isEqualTo(5);
        assertThat(report.get("total").asLong()).isEqualTo(13);
        assertThat(report.get("byClassification").get("SAFEGUARDING").asLong()).isEqualTo(6);
        assertThat(report.get("byClassification").get("INAPPROPRIATE").asLong()).isEqualTo(7);
        assertThat(report.get("byClassification").get("ILLEGAL").asLong()).isZero();
        assertThat(report.get("byCategory").get("SG-CP").asLong()).isEqualTo(6);
        assertThat(report.get("byCategory").get("INA-CYBERBULLY").asLong()).isEqualTo(7);
        assertThat(report.get("bySubjectType").get("PUPIL").asLong()).isEqualTo(13);
        assertThat(report.get("bySubjectType").get("PARENT_CARER").asLong()).isEqualTo(6);
        assertThat(report.get("byOutcome").get("EXTERNAL_AGENCY_ACTION").asLong()).isEqualTo(6);
        assertThat(report.get("byOutcome").get("OPEN").asLong()).isEqualTo(7);
        assertThat(report.get("referrals").get("CHILDRENS_SERVICES").asLong()).isEqualTo(6);
        assertThat(report.get("referrals").get("POLICE").asLong()).isZero();
        // 13 escalations: 6 after half an hour, 7 after two hours
        assertThat(report.get("medianHoursToEscalation").asDouble()).isEqualTo(2.0);
        assertThat(report.get("byPeriod").get("2011-01").asLong()).isEqualTo(7);
        assertThat(report.get("byPeriod").get("2011-02").asLong()).isEqualTo(6);
        assertThat(report.get("byPeriod").get("2011-03").asLong()).isZero();

        JsonNode trust = read("trustId=TRUST-1&from=2011-01-01&to=2011-12-31", "governor.trust");
        assertThat(trust.get("scope").get("trustId").asString()).isEqualTo("TRUST-1");
        assertThat(trust.get("total").asLong()).isEqualTo(19);
        assertThat(trust.get("byCategory").get("INA-CYBERBULLY").asLong()).isEqualTo(13);
        assertThat(trust.get("byOutcome").get("OPEN").asLong()).isEqualTo(13);
        assertThat(read("schoolId=SCH-A&from=2011-01-01&to=2011-12-31", "auditor")).isEqualTo(report);
        assertThat(read("schoolId=SCH-B&from=2011-01-01&to=2011-12-31", "dsl.b").get("total").asLong()).isEqualTo(6);
    }

    @Test
    void aSchoolWhoseOnlyIncidentIsOneSextingAboutOneYear6PupilShowsOnlyC() {
        Case only = new Case("SCH-A", SEXTING, at("2014-05-12T14:00:00"), pupil())
                .escalatedAfter(Duration.ofMinutes(20))
                .referredToPolice(at("2014-05-12T16:00:00"))
                .closed(Outcome.POLICE_ACTION, at("2014-06-02T09:00:00"));
        only.awaitProjected();

        for (String query : List.of("schoolId=SCH-A", "trustId=TRUST-1")) {
            String user = query.startsWith("school") ? "governor.a" : "governor.trust";
            JsonNode report = read(query + "&from=2014-01-01&to=2014-12-31", user);

            assertThat(report.get("total").asString()).isEqualTo("c");
            for (String breakdown : List.of("byClassification", "bySubjectType", "byOutcome", "referrals", "byPeriod")) {
                assertThat(report.get(breakdown).values()).as(breakdown)
                        .allSatisfy(value -> assertThat(value.asString()).isEqualTo("c"));
            }
            assertThat(report.get("byCategory").isEmpty()).isTrue();
            assertThat(report.get("medianHoursToEscalation").asString()).isEqualTo("c");
        }
    }

    @Test
    void noCombinationOfTheTrustsAndSchoolsFiguresGivesAwayTheOnePupilOfASextingIncident() {
        List<Case> cases = new ArrayList<>(many(12, "SCH-A", CYBERBULLYING, at("2013-01-15T09:00:00")));
        Case sexting = new Case("SCH-A", SEXTING, at("2013-02-04T13:00:00"), pupil())
                .escalatedAfter(Duration.ofMinutes(10))
                .referredToPolice(at("2013-02-04T15:00:00"))
                .referral(Agency.CHILDRENS_SERVICES, ReferralDecision.REFERRED, at("2013-02-04T16:00:00"))
                .closed(Outcome.POLICE_ACTION, at("2013-02-20T09:00:00"));
        cases.add(sexting);
        cases.addAll(many(2, "SCH-B", CYBERBULLYING, at("2013-03-03T09:00:00")));
        cases.addAll(many(7, "SCH-B", CHILD_PROTECTION, at("2013-03-04T09:00:00")));
        awaitAll(cases);
        String year = "&from=2013-01-01&to=2013-12-31";

        JsonNode schoolA = read("schoolId=SCH-A" + year, "governor.a");
        JsonNode schoolB = read("schoolId=SCH-B" + year, "governor.trust");
        JsonNode trust = read("trustId=TRUST-1" + year, "governor.trust");

        assertThat(schoolA.get("total").asLong()).isEqualTo(13);
        assertThat(schoolA.get("byCategory").get("ILL-SEXTING-U18").asString()).isEqualTo("c");
        assertThat(schoolA.get("byClassification").get("ILLEGAL").asString()).isEqualTo("c");
        assertThat(schoolA.get("byOutcome").get("POLICE_ACTION").asString()).isEqualTo("c");
        assertThat(schoolA.get("referrals").get("POLICE").asString()).isEqualTo("c");
        assertThat(schoolA.get("byPeriod").get("2013-02").asString()).isEqualTo("c");
        assertThat(trust.get("byCategory").get("ILL-SEXTING-U18").asString()).isEqualTo("c");
        assertThat(new Reidentification(CATALOGUE)
                .report("SCH-A", schoolA).report("SCH-B", schoolB).report("TRUST-1", trust)
                .trust("TRUST-1", List.of("SCH-A", "SCH-B")).pinnedDown()).isEmpty();
        // the month of the sexting incident asked on its own is a table of its own, suppressed as such
        JsonNode february = read("schoolId=SCH-A&from=2013-02-01&to=2013-02-28", "governor.a");
        assertThat(february.get("total").asString()).isEqualTo("c");
        assertThat(february.get("byCategory").isEmpty()).isTrue();
        // nothing about a person, nor any incident, is published
        String published = schoolA.toString() + schoolB + trust + february;
        assertThat(published).doesNotContain("Y6", sexting.incident.id().toString(), "P-");
        for (IncidentEventEnvelope envelope : sexting.sent) {
            envelope.payload().findValues("ciphertext").forEach(sealed ->
                    assertThat(published).doesNotContain(sealed.asString()));
            envelope.payload().findValues("subjectId").forEach(subject ->
                    assertThat(published).doesNotContain(subject.asString()));
        }
    }

    @Test
    void theFiguresStandAsAtTheEndOfTheLastCompleteMonthSoOneMoreIncidentTodayChangesNothing() {
        List<Case> cases = many(10, "SCH-A", CYBERBULLYING, at("2015-03-02T09:00:00"));
        awaitAll(cases);
        String query = "schoolId=SCH-A&from=2015-01-01&to=2015-12-31";
        JsonNode before = read(query, "governor.a");
        JsonNode defaultRangeBefore = read("schoolId=SCH-A", "governor.a");
        assertThat(before.get("byOutcome").get("OPEN").asLong()).isEqualTo(10);

        // today: one more incident, a sexting one, and one of March 2015's closed with police action
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Case today = new Case("SCH-A", SEXTING, now, pupil());
        Case closedToday = cases.get(0).closed(Outcome.POLICE_ACTION, now);
        today.awaitProjected();
        closedToday.awaitProjected();

        assertThat(read(query, "governor.a")).isEqualTo(before);
        assertThat(read("schoolId=SCH-A", "governor.a")).isEqualTo(defaultRangeBefore);
        assertThat(before.get("asOf").asString())
                .isEqualTo(YearMonth.now(LONDON).minusMonths(1).atEndOfMonth().toString());

        // once this month is complete, the closure counts, suppressed like any small count
        StatisticsPeriod nextMonth = new StatisticsPeriod(YearMonth.of(2015, 1), YearMonth.of(2015, 12), YearMonth.now(LONDON));
        StatisticsReport later = statistics.report(new StatisticsScope("SCH-A", null, true), nextMonth);
        assertThat(later.byOutcome().get("POLICE_ACTION")).isEqualTo("c");
        assertThat(later.byOutcome().get("OPEN")).as("10 - OPEN would be the 1").isEqualTo("c");
        assertThat(later.total()).isEqualTo(10L);
    }

    @Test
    void reclassifyingMovesAnIncidentsCountsAndOnlyTheFinalOutcomeOfAReopenedIncidentCounts() {
        String school = uniqueSchool();
        Instant march = at("2016-03-10T10:00:00");
        Case moved = new Case(school, CYBERBULLYING, march, pupil(), pupil())
                .reclassified(CYBERBULLYING, GROOMING, march.plus(1, ChronoUnit.DAYS))
                .closed(Outcome.NO_FURTHER_ACTION, march.plus(2, ChronoUnit.DAYS))
                .reopened(at("2016-04-01T10:00:00"))
                .closed(Outcome.POLICE_ACTION, at("2016-04-20T10:00:00"));
        Case stays = new Case(school, CYBERBULLYING, march, pupil())
                .closed(Outcome.INTERNAL_ACTION, march.plus(3, ChronoUnit.DAYS));
        moved.awaitProjected();
        stays.awaitProjected();

        assertThat(counters(school, 2016)).containsOnly(
                Map.entry("INCIDENTS", 2L),
                Map.entry("CLASSIFICATION/ILLEGAL", 1L),
                Map.entry("CLASSIFICATION/INAPPROPRIATE", 1L),
                Map.entry("CATEGORY/ILLEGAL/ILL-GROOMING", 1L),
                Map.entry("CATEGORY/INAPPROPRIATE/INA-CYBERBULLY", 1L),
                Map.entry("SUBJECT_TYPE/PUPIL", 3L),
                Map.entry("OUTCOME/POLICE_ACTION", 1L),
                Map.entry("OUTCOME/INTERNAL_ACTION", 1L));
        // as at the end of March, the first closure stood and the later one had not happened
        List<CountRow> endOfMarch = generationScope.read(() -> repository.counts(List.of(school), YearMonth.of(2016, 1),
                YearMonth.of(2016, 12), LocalDate.of(2016, 4, 1), true));
        assertThat(endOfMarch).filteredOn(r -> r.dimension() == Dimension.OUTCOME)
                .extracting(CountRow::item, CountRow::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("NO_FURTHER_ACTION", 1L),
                        org.assertj.core.groups.Tuple.tuple("INTERNAL_ACTION", 1L));
    }

    @Test
    void peopleAddedAndRemovedMoveTheSubjectTypeCountsAndTheWorkingDayEventsCountNothing() {
        String school = uniqueSchool();
        Instant may = at("2016-05-10T10:00:00");
        Person wrong = pupil();
        Case incident = new Case(school, CYBERBULLYING, may, pupil(), wrong);
        UUID wrongId = incident.incident.subjectId(wrong.reference());
        UUID parentId = UUID.randomUUID();
        incident.send(incident.incident.envelope(new SubjectRemoved(incident.incident.id(), school, DSL,
                        may.plus(1, ChronoUnit.HOURS), wrongId, SubjectType.PUPIL, null)))
                .send(incident.incident.envelope(new SubjectAdded(incident.incident.id(), school, DSL,
                        may.plus(2, ChronoUnit.HOURS), new Subject(parentId, SubjectType.PARENT_CARER, null,
                        Involvement.INVOLVED, null, null))))
                .send(incident.incident.envelope(new SupportProvided(incident.incident.id(), school, DSL,
                        may.plus(3, ChronoUnit.HOURS), wrongId, null, SubjectType.PUPIL, SupportType.PASTORAL,
                        LocalDate.parse("2016-05-11"), null)))
                .send(incident.incident.envelope(new ActionAssigned(incident.incident.id(), school, DSL,
                        may.plus(4, ChronoUnit.HOURS), UUID.randomUUID(), null, "dsl.a", LocalDate.parse("2016-05-12"))))
                .send(incident.incident.envelope(new EvidenceRecorded(incident.incident.id(), school, DSL,
                        may.plus(5, ChronoUnit.HOURS), UUID.randomUUID(), EvidenceKind.LOG, null, null, null, null)));
        incident.awaitProjected();

        assertThat(counters(school, 2016)).containsOnly(
                Map.entry("INCIDENTS", 1L),
                Map.entry("CLASSIFICATION/INAPPROPRIATE", 1L),
                Map.entry("CATEGORY/INAPPROPRIATE/INA-CYBERBULLY", 1L),
                Map.entry("SUBJECT_TYPE/PUPIL", 1L),
                Map.entry("SUBJECT_TYPE/PARENT_CARER", 1L));
    }

    @Test
    void anIncidentIsCountedOncePerReferralTargetAndADecisionNotToReferIsNotAReferral() {
        String school = uniqueSchool();
        Instant may = at("2017-05-03T10:00:00");
        Case referred = new Case(school, GROOMING, may, pupil())
                .referredToPolice(may.plus(1, ChronoUnit.HOURS))
                .referredToPolice(may.plus(2, ChronoUnit.HOURS))
                .referral(Agency.CEOP, ReferralDecision.REFERRED, may.plus(3, ChronoUnit.HOURS))
                .referral(Agency.CEOP, ReferralDecision.REFERRED, may.plus(4, ChronoUnit.HOURS))
                .referral(Agency.PREVENT, ReferralDecision.NOT_REFERRED, may.plus(5, ChronoUnit.HOURS));
        referred.awaitProjected();
        // redelivered events change nothing
        stream.send(referred.sent.get(0), referred.sent.get(1));
        referred.send(referred.incident.note("After the redeliveries")).awaitProjected();

        assertThat(counters(school, 2017)).contains(
                Map.entry("INCIDENTS", 1L),
                Map.entry("REFERRAL/POLICE", 1L),
                Map.entry("REFERRAL/CEOP", 1L)).doesNotContainKey("REFERRAL/PREVENT");
    }

    @Test
    void onlyTheFirstEscalationCountsTowardsTheMedian() {
        String school = uniqueSchool();
        Instant june = at("2018-06-04T09:00:00");
        List<Case> cases = new ArrayList<>();
        for (int hours = 1; hours <= 7; hours++) {
            cases.add(new Case(school, CYBERBULLYING, june, pupil())
                    .escalatedAfter(Duration.ofHours(hours))
                    .escalatedAfter(Duration.ofHours(100)));
        }
        awaitAll(cases);

        StatisticsRepository.Escalations escalations = generationScope.read(() -> repository.escalations(List.of(school),
                YearMonth.of(2018, 1), YearMonth.of(2018, 12), LocalDate.of(9999, 1, 1), true));
        assertThat(escalations.incidents()).isEqualTo(7);
        assertThat(escalations.medianSeconds()).isEqualTo(4 * 3600.0);
    }

    @Test
    void theStatisticsTablesHoldNoPersonalDataNorText() {
        String school = uniqueSchool();
        Person pupil = pupil();
        Case c = new Case(school, SEXTING, at("2019-09-09T09:00:00"), pupil);
        c.awaitProjected();

        List<String> columns = jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = ? AND table_name IN ('statistics_count', 'statistics_incident')""",
                String.class, generations.activeSchema());
        assertThat(columns).containsExactlyInAnyOrder("school_id", "period", "recorded_in", "staff_allegation", "dimension",
                "parent", "item", "count", "incident_id", "school_id", "period", "reported_at", "classification", "category",
                "outcome", "seconds_to_escalation", "escalated_in", "referred_to", "staff_allegation");
        String stored = String.join("\n", jdbc.queryForList("SELECT t::text FROM " + generations.activeSchema()
                + ".statistics_count t WHERE school_id = ?", String.class, school))
                + jdbc.queryForList("SELECT t::text FROM " + generations.activeSchema()
                + ".statistics_incident t WHERE school_id = ?", String.class, school);
        assertThat(stored).isNotEmpty().doesNotContain(pupil.reference(), "Y6", "Messages sent in the evening");
    }

    /**
     * A DSL's log hides allegations against staff (R12): their figures leave them out entirely, so that
     * neither the figures nor their difference from the log tell of one. Head teachers and auditors read
     * them; governors' anonymised, suppressed figures count them too (R21).
     */
    @Test
    void aDslsFiguresLeaveOutAllegationsAgainstStaffEntirelySoNoneIsFoundByDifference() {
        List<Case> pupils = new ArrayList<>();
        for (Case c : many(7, "SCH-A", CYBERBULLYING, at("2012-03-05T09:00:00"))) {
            pupils.add(c.escalatedAfter(Duration.ofHours(2)));
        }
        awaitAll(pupils);
        String year = "schoolId=SCH-A&from=2012-01-01&to=2012-12-31";
        JsonNode dslBefore = read(year, "dsl.a");
        JsonNode headBefore = read(year, "head.a");
        assertThat(dslBefore).isEqualTo(headBefore);

        // every later event of an allegation (escalation, referrals, reclassification, closure, reopening) too
        List<Case> allegations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            allegations.add(new Case("SCH-A", STAFF_PUPIL_COMMS, at("2012-03-12T09:00:00").plus(i, ChronoUnit.HOURS),
                    TestIncident.staff(TestIncident.uniqueReference()), pupil())
                    .escalatedAfter(Duration.ofMinutes(30))
                    .referral(Agency.LADO, ReferralDecision.REFERRED, at("2012-03-13T09:00:00"))
                    .reclassified(STAFF_PUPIL_COMMS, GROOMING, at("2012-03-14T09:00:00"))
                    .referredToPolice(at("2012-03-14T10:00:00"))
                    .closed(Outcome.NO_FURTHER_ACTION, at("2012-04-02T09:00:00"))
                    .reopened(at("2012-04-03T09:00:00"))
                    .closed(Outcome.POLICE_ACTION, at("2012-04-04T09:00:00")));
        }
        awaitAll(allegations);

        JsonNode dsl = read(year, "dsl.a");
        assertThat(dsl).as("nothing in a DSL's figures moves for allegations against staff").isEqualTo(dslBefore);
        assertThat(dsl.get("total").asLong()).isEqualTo(7);
        assertThat(dsl.get("byCategory").has("ILL-GROOMING")).isFalse();
        assertThat(dsl.get("byClassification").get("ILLEGAL").asLong()).isZero();
        assertThat(dsl.get("bySubjectType").get("STAFF").asLong()).isZero();
        assertThat(dsl.get("referrals").get("LADO").asLong()).isZero();
        assertThat(dsl.get("referrals").get("POLICE").asLong()).isZero();
        assertThat(dsl.get("byOutcome").get("POLICE_ACTION").asLong()).isZero();
        assertThat(dsl.get("medianHoursToEscalation").asDouble()).isEqualTo(2.0);

        JsonNode head = read(year, "head.a");
        assertThat(head.get("total").asLong()).isEqualTo(15);
        assertThat(head.get("byCategory").get("ILL-GROOMING").asLong()).isEqualTo(8);
        assertThat(head.get("byCategory").has("STF-PUPIL-COMMS")).isFalse();
        assertThat(head.get("byClassification").get("ILLEGAL").asLong()).isEqualTo(8);
        assertThat(head.get("bySubjectType").get("STAFF").asLong()).isEqualTo(8);
        assertThat(head.get("bySubjectType").get("PUPIL").asLong()).isEqualTo(15);
        assertThat(head.get("referrals").get("LADO").asLong()).isEqualTo(8);
        assertThat(head.get("referrals").get("POLICE").asLong()).isEqualTo(8);
        assertThat(head.get("byOutcome").get("POLICE_ACTION").asLong()).isEqualTo(8);
        assertThat(head.get("byOutcome").get("NO_FURTHER_ACTION").asLong()).isZero();
        // 15 escalations: 8 after half an hour (the allegations), 7 after two hours
        assertThat(head.get("medianHoursToEscalation").asDouble()).isEqualTo(0.5);
        assertThat(read(year, "auditor")).isEqualTo(head);
        assertThat(read(year, "governor.a")).as("governors' figures count them, anonymised and suppressed")
                .isEqualTo(head);
        assertThat(read("trustId=TRUST-1&from=2012-01-01&to=2012-12-31", "governor.trust").get("total").asLong())
                .isEqualTo(15);
    }

    /** Counters from before V13 mix allegations against staff in: a DSL's figures wait for a rebuild. */
    @Test
    void aReleaseCountedBeforeAllegationsWereKeptApartIsRefusedToADslUntilARebuild() {
        String unsplit = generations.activeSchema() + ".statistics_unsplit_school";
        jdbc.update("INSERT INTO " + unsplit + " (school_id) VALUES ('SCH-B')");
        try {
            Response refused = http().get("/api/v1/statistics?schoolId=SCH-A&from=2010-01-01&to=2010-12-31", "dsl.a");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("rule").asString()).isEqualTo("STATISTICS_REBUILD_REQUIRED");
            for (String user : List.of("head.a", "governor.a", "auditor")) {
                assertThat(http().get("/api/v1/statistics?schoolId=SCH-A&from=2010-01-01&to=2010-12-31", user).status())
                        .as(user).isEqualTo(200);
            }
        } finally {
            jdbc.update("DELETE FROM " + unsplit + " WHERE school_id = 'SCH-B'");
        }
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-A&from=2010-01-01&to=2010-12-31", "dsl.a").status())
                .isEqualTo(200);
    }

    /** V13 on a generation that already counted an allegation against staff: marks it, lists its school. */
    @Test
    void theMigrationMarksTheAllegationsItCanAndListsTheSchoolsWhoseCountersMixThemIn() {
        String schema = "gen_999999";
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        try {
            Flyway.configure().dataSource(jdbc.getDataSource()).schemas(schema).defaultSchema(schema).createSchemas(true)
                    .locations("classpath:db/projection").target("12").load().migrate();
            UUID allegation = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            for (UUID id : List.of(allegation, other)) {
                boolean againstStaff = id.equals(allegation);
                String school = againstStaff ? "SCH-M1" : "SCH-M2";
                jdbc.update("""
                        INSERT INTO %s.incident_log (incident_id, school_id, category_code, category_name, classification,
                            status, occurred_at, reported_at, reported_by_role, subject_count, off_site,
                            allegation_against_staff, version, last_event_at)
                        VALUES (?, ?, 'INA-CYBERBULLY', 'Cyber-bullying', 'INAPPROPRIATE', 'OPEN', now(), now(), 'STAFF',
                            1, false, ?, 0, now())""".formatted(schema), id, school, againstStaff);
                jdbc.update("""
                        INSERT INTO %s.statistics_incident (incident_id, school_id, period, reported_at, classification,
                            category) VALUES (?, ?, DATE '2012-01-01', now(), 'INAPPROPRIATE', 'INA-CYBERBULLY')"""
                        .formatted(schema), id, school);
                jdbc.update("""
                        INSERT INTO %s.statistics_count (school_id, period, recorded_in, dimension, parent, item, count)
                        VALUES (?, DATE '2012-01-01', DATE '2012-01-01', 'INCIDENTS', '', '', 1)""".formatted(schema),
                        school);
            }

            generations.migrate(schema);

            assertThat(jdbc.queryForList("SELECT incident_id FROM " + schema + ".statistics_incident WHERE staff_allegation",
                    UUID.class)).containsExactly(allegation);
            assertThat(jdbc.queryForList("SELECT school_id FROM " + schema + ".statistics_unsplit_school", String.class))
                    .containsExactly("SCH-M1");
            transactions.executeWithoutResult(status -> {
                generationScope.enter(new Generation(999999, schema, Generation.Status.BUILDING));
                assertThat(repository.counts(List.of("SCH-M1", "SCH-M2"), YearMonth.of(2012, 1), YearMonth.of(2012, 1),
                        LocalDate.of(9999, 1, 1), true)).hasSize(2);
                assertThat(repository.countsAllegationsUnsplit(List.of("SCH-M1"))).isTrue();
                assertThat(repository.countsAllegationsUnsplit(List.of("SCH-M2"))).isFalse();
            });
        } finally {
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void eachUserReadsOnlyTheirSchoolOrTrustAndAnythingElseIsRefusedAlike() {
        String year = "&from=2010-01-01&to=2010-12-31";
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-A" + year, "governor.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-A" + year, "dsl.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-A" + year, "head.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-B" + year, "dsl.b").status()).isEqualTo(200);
        for (String user : List.of("governor.trust", "auditor")) {
            assertThat(http().get("/api/v1/statistics?trustId=TRUST-1" + year, user).status()).isEqualTo(200);
            assertThat(http().get("/api/v1/statistics?schoolId=SCH-A" + year, user).status()).isEqualTo(200);
            assertThat(http().get("/api/v1/statistics?schoolId=SCH-B" + year, user).status()).isEqualTo(200);
        }

        Response otherSchool = http().get("/api/v1/statistics?schoolId=SCH-B" + year, "governor.a");
        Response unknownSchool = http().get("/api/v1/statistics?schoolId=SCH-NOPE" + year, "governor.a");
        Response ownTrust = http().get("/api/v1/statistics?trustId=TRUST-1" + year, "governor.a");
        Response unknownTrust = http().get("/api/v1/statistics?trustId=TRUST-NOPE" + year, "governor.trust");
        Response unknownSchoolOfTrust = http().get("/api/v1/statistics?schoolId=SCH-NOPE" + year, "auditor");
        for (Response refused : List.of(otherSchool, unknownSchool, ownTrust, unknownTrust, unknownSchoolOfTrust)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("rule").asString()).isEqualTo("SCHOOL_NOT_ALLOWED");
        }
        assertThat(unknownSchool.raw().body()).as("an unknown school is refused exactly like another's")
                .isEqualTo(otherSchool.raw().body());
        for (String user : List.of("staff.a", "integration.a")) {
            Response refused = http().get("/api/v1/statistics?schoolId=SCH-A" + year, user);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(http().get("/api/v1/statistics?schoolId=SCH-A" + year, null).status()).isEqualTo(401);
    }

    @Test
    void aRequestWithoutExactlyOneScopeOrWithBadDatesIs400ProblemJson() {
        for (String query : List.of("", "schoolId=SCH-A&trustId=TRUST-1", "schoolId=", "schoolId=SCH-A&from=2015-13-01",
                "schoolId=SCH-A&from=2015-06-01&to=2015-05-31", "schoolId=SCH-A&from=2001-01-01&to=2015-12-31")) {
            Response response = http().get("/api/v1/statistics?" + query, "governor.a");
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("errors")).as(query).isNotEmpty();
        }
    }
}
