package org.safecase.query.statistics;

import org.junit.jupiter.api.Test;
import org.safecase.query.statistics.StatisticsRepository.CountRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures a release publishes, and a reader trying to re-identify one pupil from them. */
class StatisticsReleaseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DisclosureControl CONTROL = new DisclosureControl(5);
    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final List<String> CATALOGUE = List.of("ILL-SEXTING-U18", "ILL-GROOMING", "SG-CP", "INA-CYBERBULLY",
            "INA-SOCIAL");

    /** Incidents as the projection counts them, for a release. */
    static final class Incidents {
        private final List<CountRow> rows = new ArrayList<>();

        Incidents add(String school, YearMonth month, String category, List<String> subjectTypes, String outcome,
                      String... referrals) {
            String classification = Reidentification.classificationOf(category);
            rows.add(new CountRow(school, month, Dimension.INCIDENTS, "", "", 1));
            rows.add(new CountRow(school, month, Dimension.CLASSIFICATION, "", classification, 1));
            rows.add(new CountRow(school, month, Dimension.CATEGORY, classification, category, 1));
            subjectTypes.forEach(type -> rows.add(new CountRow(school, month, Dimension.SUBJECT_TYPE, "", type, 1)));
            if (outcome != null) {
                rows.add(new CountRow(school, month, Dimension.OUTCOME, "", outcome, 1));
            }
            for (String target : referrals) {
                rows.add(new CountRow(school, month, Dimension.REFERRAL, "", target, 1));
            }
            return this;
        }

        Incidents many(int count, String school, YearMonth month, String category, String outcome) {
            for (int i = 0; i < count; i++) {
                add(school, month, category, List.of("PUPIL"), outcome);
            }
            return this;
        }

        StatisticsRelease release(String trustId, Set<String> schools) {
            return new StatisticsRelease(CONTROL, trustId, schools, JANUARY, MARCH, rows);
        }
    }

    static JsonNode json(StatisticsRelease.Published figures) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("total", figures.total().published());
        report.put("byClassification", StatisticsReport.published(figures.byClassification()));
        report.put("byCategory", StatisticsReport.published(figures.byCategory()));
        report.put("bySubjectType", StatisticsReport.published(figures.bySubjectType()));
        report.put("byOutcome", StatisticsReport.published(figures.byOutcome()));
        report.put("referrals", StatisticsReport.published(figures.referrals()));
        report.put("byPeriod", StatisticsReport.published(figures.byPeriod()));
        return JSON.valueToTree(report);
    }

    private static List<JsonNode> everyFigure(JsonNode report) {
        List<JsonNode> values = new ArrayList<>(List.of(report.get("total")));
        for (String breakdown : List.of("byClassification", "byCategory", "bySubjectType", "byOutcome", "referrals", "byPeriod")) {
            values.addAll(report.get(breakdown).values());
        }
        return values;
    }

    @Test
    void aSchoolWhoseOnlyIncidentIsOneSextingAboutOneYear6PupilShowsNothingButC() {
        StatisticsRelease release = new Incidents()
                .add("SCH-X", JANUARY, "ILL-SEXTING-U18", List.of("PUPIL"), "POLICE_ACTION", "POLICE", "CHILDRENS_SERVICES")
                .release(null, Set.of("SCH-X"));

        JsonNode report = json(release.school("SCH-X"));

        assertThat(everyFigure(report)).allSatisfy(value -> assertThat(value.asString()).isEqualTo("c"));
        assertThat(report.get("byCategory").isEmpty()).as("which categories are listed would tell").isTrue();
        assertThat(report.get("byOutcome").propertyNames()).contains("OPEN", "POLICE_ACTION", "UNFOUNDED");
        assertThat(report.get("bySubjectType").propertyNames()).contains("PUPIL", "STAFF");
    }

    @Test
    void oneSextingIncidentAmongTwentyOthersCannotBeFoundByAnySubtraction() {
        StatisticsRelease release = new Incidents()
                .many(12, "SCH-X", JANUARY, "INA-CYBERBULLY", "INTERNAL_ACTION")
                .many(8, "SCH-X", MARCH, "INA-CYBERBULLY", null)
                .add("SCH-X", YearMonth.of(2026, 2), "ILL-SEXTING-U18", List.of("PUPIL"), "POLICE_ACTION", "POLICE")
                .release(null, Set.of("SCH-X"));

        JsonNode report = json(release.school("SCH-X"));

        assertThat(report.get("total").asLong()).isEqualTo(21);
        assertThat(report.get("byCategory").get("ILL-SEXTING-U18").asString()).isEqualTo("c");
        assertThat(report.get("byClassification").get("ILLEGAL").asString()).isEqualTo("c");
        assertThat(report.get("byClassification").get("INAPPROPRIATE").asString())
                .as("21 - INAPPROPRIATE would be the ILLEGAL one").isEqualTo("c");
        assertThat(report.get("byPeriod").get("2026-02").asString()).isEqualTo("c");
        assertThat(report.get("byOutcome").get("POLICE_ACTION").asString()).isEqualTo("c");
        assertThat(report.get("referrals").get("POLICE").asString()).isEqualTo("c");
        assertThat(new Reidentification(CATALOGUE).report("SCH-X", report).pinnedDown()).isEmpty();
    }

    @Test
    void theTrustsFiguresLessTheOtherSchoolsDoNotGiveAwayTheSmallSchoolsPupil() {
        StatisticsRelease release = new Incidents()
                .many(25, "SCH-A", JANUARY, "INA-CYBERBULLY", "INTERNAL_ACTION")
                .many(9, "SCH-A", MARCH, "SG-CP", "EXTERNAL_AGENCY_ACTION")
                .add("SCH-B", JANUARY, "ILL-SEXTING-U18", List.of("PUPIL"), "POLICE_ACTION", "POLICE")
                .add("SCH-B", MARCH, "INA-CYBERBULLY", List.of("PUPIL", "PUPIL"), null)
                .release("TRUST-1", Set.of("SCH-A", "SCH-B"));

        JsonNode trust = json(release.trust("TRUST-1"));
        JsonNode schoolA = json(release.school("SCH-A"));
        JsonNode schoolB = json(release.school("SCH-B"));

        assertThat(everyFigure(schoolB)).allSatisfy(value -> assertThat(value.asString()).isEqualTo("c"));
        assertThat(trust.get("byCategory").get("ILL-SEXTING-U18").asString()).isEqualTo("c");
        assertThat(new Reidentification(CATALOGUE).report("TRUST-1", trust).report("SCH-A", schoolA).report("SCH-B", schoolB)
                .trust("TRUST-1", List.of("SCH-A", "SCH-B")).pinnedDown()).isEmpty();
    }

    @Test
    void protectingASmallCountSuppressesWhatCostsLeastSoThatTheSchoolsTotalsStayPublished() {
        StatisticsRelease release = new Incidents()
                .many(12, "SCH-A", JANUARY, "INA-CYBERBULLY", null)
                .add("SCH-A", JANUARY.plusMonths(1), "ILL-SEXTING-U18", List.of("PUPIL"), "POLICE_ACTION", "POLICE")
                .many(2, "SCH-B", MARCH, "INA-CYBERBULLY", null)
                .many(7, "SCH-B", MARCH, "SG-CP", null)
                .release("TRUST-1", Set.of("SCH-A", "SCH-B"));

        assertThat(json(release.school("SCH-A")).get("total").asLong()).isEqualTo(13);
        assertThat(json(release.school("SCH-B")).get("total").asLong()).isEqualTo(9);
        assertThat(json(release.trust("TRUST-1")).get("total").asLong()).isEqualTo(22);
        assertThat(json(release.trust("TRUST-1")).get("byCategory").get("INA-CYBERBULLY").asLong()).isEqualTo(14);
    }

    @Test
    void everyRequestAboutATrustOrItsSchoolsIsCutFromOneReleaseSoTheyAgree() {
        Incidents incidents = new Incidents()
                .many(14, "SCH-A", JANUARY, "INA-CYBERBULLY", null)
                .many(3, "SCH-B", JANUARY, "INA-CYBERBULLY", null)
                .many(7, "SCH-B", MARCH, "SG-CP", null);

        JsonNode aInTrust = json(incidents.release("TRUST-1", Set.of("SCH-A", "SCH-B")).school("SCH-A"));
        JsonNode aAgain = json(incidents.release("TRUST-1", Set.of("SCH-B", "SCH-A")).school("SCH-A"));

        assertThat(aAgain).isEqualTo(aInTrust);
    }

    @Test
    void outcomesCountOpenIncidentsTooSoThatTheyAddUpToTheTotal() {
        JsonNode report = json(new Incidents()
                .many(10, "SCH-X", JANUARY, "INA-CYBERBULLY", "INTERNAL_ACTION")
                .many(7, "SCH-X", JANUARY, "INA-CYBERBULLY", null)
                .release(null, Set.of("SCH-X")).school("SCH-X"));

        assertThat(report.get("byOutcome").get("INTERNAL_ACTION").asLong()).isEqualTo(10);
        assertThat(report.get("byOutcome").get("OPEN").asLong()).isEqualTo(7);
        assertThat(report.get("byOutcome").get("POLICE_ACTION").asLong()).isZero();
        assertThat(report.get("byCategory").propertyNames()).containsExactly("INA-CYBERBULLY");
        assertThat(report.get("byPeriod").propertyNames()).containsExactly("2026-01", "2026-02", "2026-03");
    }

    @Test
    void inRandomTrustsNoReaderOfTheTrustAndAllItsSchoolsCanPinDownAnySuppressedCount() {
        Random random = new Random(2026L);
        String[] categories = CATALOGUE.toArray(String[]::new);
        String[] outcomes = {null, "INTERNAL_ACTION", "POLICE_ACTION", "NO_FURTHER_ACTION"};
        String[] subjects = {"PUPIL", "PUPIL", "PUPIL", "STAFF", "PARENT_CARER"};
        for (int round = 0; round < 60; round++) {
            Incidents incidents = new Incidents();
            int schools = 2 + random.nextInt(2);
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < schools; s++) {
                String school = "SCH-" + s;
                ids.add(school);
                int count = random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(30);
                for (int i = 0; i < count; i++) {
                    String category = categories[random.nextInt(10) < 6 ? 3 : random.nextInt(categories.length)];
                    YearMonth month = JANUARY.plusMonths(random.nextInt(3));
                    String outcome = outcomes[random.nextInt(outcomes.length)];
                    List<String> types = random.nextBoolean() ? List.of(subjects[random.nextInt(subjects.length)])
                            : List.of("PUPIL", subjects[random.nextInt(subjects.length)]);
                    if (category.startsWith("ILL-")) {
                        incidents.add(school, month, category, types, outcome, "POLICE");
                    } else {
                        incidents.add(school, month, category, types, outcome);
                    }
                }
            }
            StatisticsRelease release = incidents.release("TRUST-1", Set.copyOf(ids));
            Reidentification reader = new Reidentification(CATALOGUE).report("TRUST-1", json(release.trust("TRUST-1")));
            ids.forEach(school -> reader.report(school, json(release.school(school))));
            reader.trust("TRUST-1", ids);

            assertThat(reader.pinnedDown()).as("round " + round).isEmpty();
        }
    }
}
