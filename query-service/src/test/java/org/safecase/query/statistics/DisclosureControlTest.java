package org.safecase.query.statistics;

import org.junit.jupiter.api.Test;
import org.safecase.query.statistics.DisclosureControl.Breakdown;
import org.safecase.query.statistics.DisclosureControl.Suppression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisclosureControlTest {

    private final DisclosureControl control = new DisclosureControl(5);

    private static Map<String, Long> parts(Object... keysAndCounts) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            parts.put((String) keysAndCounts[i], ((Number) keysAndCounts[i + 1]).longValue());
        }
        return parts;
    }

    private static Map<String, Object> published(Breakdown<String> breakdown) {
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("total", breakdown.total().published());
        breakdown.parts().forEach((key, figure) -> published.put(key, figure.published()));
        return published;
    }

    @Test
    void countsFromOneToTheThresholdAreShownAsCAndZeroIsShownAsZero() {
        Breakdown<String> breakdown = control.breakdown(40, parts("A", 0, "B", 1, "C", 5, "D", 6, "E", 28));

        assertThat(published(breakdown)).containsExactly(
                Map.entry("total", 40L), Map.entry("A", 0L), Map.entry("B", "c"), Map.entry("C", "c"),
                Map.entry("D", 6L), Map.entry("E", 28L));
    }

    @Test
    void aLoneSuppressedCellIsJoinedByTheNextSmallestSoThatTheTotalDoesNotGiveItAway() {
        Breakdown<String> breakdown = control.breakdown(41, parts("A", 2, "B", 9, "C", 30, "D", 0));

        assertThat(published(breakdown)).containsExactly(
                Map.entry("total", 41L), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", 30L), Map.entry("D", 0L));
    }

    @Test
    void aTotalAtOrBelowTheThresholdSuppressesTheWholeTableZerosIncluded() {
        Breakdown<String> breakdown = control.breakdown(1, parts("SEXTING", 1, "CYBERBULLYING", 0, "GROOMING", 0));

        assertThat(published(breakdown)).containsOnly(
                Map.entry("total", "c"), Map.entry("SEXTING", "c"), Map.entry("CYBERBULLYING", "c"), Map.entry("GROOMING", "c"));
    }

    @Test
    void anEmptyTableIsPublishedAsZeros() {
        assertThat(published(control.breakdown(0, parts("A", 0, "B", 0)))).containsOnly(
                Map.entry("total", 0L), Map.entry("A", 0L), Map.entry("B", 0L));
    }

    @Test
    void twoSuppressedOnesThatTheTotalWouldPinDownAreJoinedByAThirdCell() {
        // 10 - 8 = 2 shared by two "c", each at least 1: both would be known to be 1
        Breakdown<String> breakdown = control.breakdown(10, parts("A", 1, "B", 1, "C", 8));

        assertThat(published(breakdown)).containsExactly(
                Map.entry("total", 10L), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", "c"));
    }

    @Test
    void smallCellsThatCouldOnlyAllBeAtTheThresholdAreNotLeftToBeWorkedOut() {
        // 15 = c + c + c, each at most 5: all three are 5
        assertThat(published(control.breakdown(15, parts("A", 5, "B", 5, "C", 5)))).containsOnly(
                Map.entry("total", "c"), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", "c"));
        // 30 - 20 = c + c: both 5
        assertThat(published(control.breakdown(30, parts("A", 5, "B", 5, "C", 20)))).containsExactly(
                Map.entry("total", 30L), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", "c"));
        // 29 - 20 = c + c: 4 and 5, or 5 and 4
        assertThat(published(control.breakdown(29, parts("A", 5, "B", 4, "C", 20)))).containsExactly(
                Map.entry("total", 29L), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", 20L));
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(published(new DisclosureControl(10).breakdown(57, parts("A", 7, "B", 20, "C", 30))))
                .containsExactly(Map.entry("total", 57L), Map.entry("A", "c"), Map.entry("B", "c"), Map.entry("C", 30L));
        assertThat(published(new DisclosureControl(0).breakdown(3, parts("A", 1, "B", 2))))
                .containsExactly(Map.entry("total", 3L), Map.entry("A", 1L), Map.entry("B", 2L));
        assertThatThrownBy(() -> new DisclosureControl(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partsThatDoNotAddUpToTheirTotalAreRefused() {
        LinkedCounts counts = new LinkedCounts();
        int total = counts.cell(10);
        assertThatThrownBy(() -> counts.sum(total, List.of(counts.cell(3), counts.cell(4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counts.cell(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSuppressedSubtotalAndItsPartsCannotBeWorkedOutFromTheHigherTotal() {
        LinkedCounts counts = new LinkedCounts();
        int total = counts.cell(30, 2);
        int illegal = counts.cell(7);
        int safeguarding = counts.cell(3);
        int inappropriate = counts.cell(20);
        int abuseImages = counts.cell(6);
        int sexting = counts.cell(1);
        int childProtection = counts.cell(3);
        int cyberbullying = counts.cell(20);
        counts.sum(total, List.of(illegal, safeguarding, inappropriate));
        counts.sum(illegal, List.of(abuseImages, sexting));
        counts.sum(safeguarding, List.of(childProtection));
        counts.sum(inappropriate, List.of(cyberbullying));

        Suppression suppression = control.apply(counts);

        assertThat(suppression.figure(sexting).isSuppressed()).isTrue();
        assertThat(suppression.figure(illegal).isSuppressed()).as("ILLEGAL would give SEXTING away").isTrue();
        assertThat(suppression.figure(total)).isEqualTo(Figure.of(30));
        assertThat(Recovery.recoverableCells(counts, suppression, 5)).isEmpty();
    }

    @Test
    void aCellLinkingTwoBlocksOfSuppressedCellsOfATwoWayTableIsProtectedToo() {
        // every row and column has two or more "c", yet rows 1+2 minus columns 1+2 leave the cell (2,3) alone
        long[][] interior = {
                {2, 3, 40, 50},
                {4, 1, 2, 60},
                {70, 80, 3, 4},
                {90, 20, 5, 1}};
        TwoWay table = TwoWay.of(interior);
        Suppression primaryOnly = new DisclosureControl(5).apply(table.counts);
        assertThat(primaryOnly.isSuppressed(table.cell[1][2])).isTrue();

        assertThat(Recovery.recoverableCells(table.counts, primaryOnly)).isEmpty();
        assertThat(primaryOnly.suppressedCount()).as("more than the nine small cells").isGreaterThan(9);
    }

    @Test
    void inEveryRandomBreakdownNoSuppressedCellIsAloneAndNoneCanBeRecovered() {
        Random random = new Random(20261124L);
        for (int round = 0; round < 3000; round++) {
            int threshold = 1 + random.nextInt(6);
            DisclosureControl control = new DisclosureControl(threshold);
            int size = 1 + random.nextInt(8);
            LinkedCounts counts = new LinkedCounts();
            List<Long> values = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < size; i++) {
                long value = skewed(random, threshold);
                values.add(value);
                sum += value;
            }
            int total = counts.cell(sum, 1);
            List<Integer> parts = new ArrayList<>();
            for (long value : values) {
                parts.add(counts.cell(value));
            }
            counts.sum(total, parts);
            counts.table(total, parts);

            Suppression suppression = control.apply(counts);

            int suppressedCells = suppression.isSuppressed(total) ? 1 : 0;
            for (int part : parts) {
                suppressedCells += suppression.isSuppressed(part) ? 1 : 0;
            }
            String table = "round " + round + ", threshold " + threshold + ", total " + sum + ", parts " + values;
            assertThat(suppressedCells).as(table).isNotEqualTo(1);
            for (int i = 0; i < counts.size(); i++) {
                if (control.isSmall(counts.count(i))) {
                    assertThat(suppression.isSuppressed(i)).as(table).isTrue();
                }
            }
            assertThat(Recovery.recoverableCells(counts, suppression, threshold)).as(table).isEmpty();
        }
    }

    @Test
    void inRandomSchoolTablesOfClassificationsCategoriesMonthsAndOutcomesNoSuppressedCountCanBeRecovered() {
        Random random = new Random(7L);
        for (int round = 0; round < 600; round++) {
            SchoolTable school = SchoolTable.random(random, new LinkedCounts(), 1 + random.nextInt(3),
                    1 + random.nextInt(3), random.nextInt(40), 0, 2);
            school.declare();

            Suppression suppression = control.apply(school.counts);

            // even for a reader who could tell which "c" are small, so at most the threshold
            assertThat(Recovery.recoverableCells(school.counts, suppression, 5)).as("round " + round + ": " + school).isEmpty();
        }
    }

    @Test
    void inRandomTwoWayTablesNoSuppressedCountCanBeRecovered() {
        Random random = new Random(11L);
        for (int round = 0; round < 400; round++) {
            int rows = 2 + random.nextInt(3);
            int columns = 2 + random.nextInt(3);
            long[][] interior = new long[rows][columns];
            for (long[] row : interior) {
                for (int j = 0; j < columns; j++) {
                    row[j] = skewed(random, 5);
                }
            }
            TwoWay table = TwoWay.of(interior);

            Suppression suppression = control.apply(table.counts);

            // linked tables with cycles: guaranteed against a reader who knows a "c" is at least 1 (README)
            assertThat(Recovery.recoverableCells(table.counts, suppression))
                    .as("round " + round + ": " + java.util.Arrays.deepToString(interior)).isEmpty();
        }
    }

    @Test
    void inRandomTrustsOfSchoolsNoSchoolsCountCanBeRecoveredFromTheTrustsFigures() {
        Random random = new Random(13L);
        for (int round = 0; round < 250; round++) {
            LinkedCounts counts = new LinkedCounts();
            int schools = 2 + random.nextInt(2);
            List<SchoolTable> tables = new ArrayList<>();
            int months = 1 + random.nextInt(2);
            for (int s = 0; s < schools; s++) {
                int incidents = random.nextInt(3) == 0 ? random.nextInt(6) : random.nextInt(25);
                tables.add(SchoolTable.random(random, counts, 2, months, incidents, 1, 2));
            }
            SchoolTable trust = SchoolTable.sumOf(counts, tables);
            for (SchoolTable table : tables) {
                table.declare();
            }
            trust.declare();
            for (int slot = 0; slot < trust.cells.size(); slot++) {
                List<Integer> parts = new ArrayList<>();
                for (SchoolTable table : tables) {
                    parts.add(table.cells.get(slot));
                }
                counts.sum(trust.cells.get(slot), parts);
            }

            Suppression suppression = control.apply(counts);

            // linked tables with cycles: guaranteed against a reader who knows a "c" is at least 1 (README)
            assertThat(Recovery.recoverableCells(counts, suppression)).as("round " + round + ": " + tables).isEmpty();
        }
    }

    /** Mostly small counts, as a school's are: a third 0, a third within the threshold, a third above. */
    static long skewed(Random random, int threshold) {
        int draw = random.nextInt(3);
        if (draw == 0) {
            return 0;
        }
        if (draw == 1) {
            return 1 + random.nextInt(Math.max(1, threshold));
        }
        return threshold + 1 + random.nextInt(20);
    }

    /** A two-way table with its row and column totals and grand total. */
    static final class TwoWay {
        final LinkedCounts counts = new LinkedCounts();
        int[][] cell;

        static TwoWay of(long[][] interior) {
            TwoWay table = new TwoWay();
            int rows = interior.length;
            int columns = interior[0].length;
            table.cell = new int[rows][columns];
            long grand = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    table.cell[i][j] = table.counts.cell(interior[i][j]);
                    grand += interior[i][j];
                }
            }
            List<Integer> rowTotals = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                long sum = 0;
                List<Integer> parts = new ArrayList<>();
                for (int j = 0; j < columns; j++) {
                    sum += interior[i][j];
                    parts.add(table.cell[i][j]);
                }
                int total = table.counts.cell(sum, 1);
                table.counts.sum(total, parts);
                rowTotals.add(total);
            }
            List<Integer> columnTotals = new ArrayList<>();
            for (int j = 0; j < columns; j++) {
                long sum = 0;
                List<Integer> parts = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    sum += interior[i][j];
                    parts.add(table.cell[i][j]);
                }
                int total = table.counts.cell(sum, 1);
                table.counts.sum(total, parts);
                columnTotals.add(total);
            }
            int grandTotal = table.counts.cell(grand, 2);
            table.counts.sum(grandTotal, rowTotals);
            table.counts.sum(grandTotal, columnTotals);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < table.counts.size(); i++) {
                if (i != grandTotal) {
                    all.add(i);
                }
            }
            table.counts.table(grandTotal, all);
            return table;
        }
    }

    /**
     * A school's figures as the statistics publish them: a total; classifications and their
     * categories; months; outcomes. Built from random incidents, so that every sum holds.
     */
    static final class SchoolTable {
        final LinkedCounts counts;
        final long[] classes;
        final long[][] categories;
        final long[] months;
        final long[] outcomes;
        /** In a fixed order: total, classes, categories, months, outcomes. */
        final List<Integer> cells = new ArrayList<>();

        private SchoolTable(LinkedCounts counts, long[] classes, long[][] categories, long[] months, long[] outcomes,
                            int importance, int rootImportance) {
            this.counts = counts;
            this.classes = classes;
            this.categories = categories;
            this.months = months;
            this.outcomes = outcomes;
            cells.add(counts.cell(java.util.Arrays.stream(classes).sum(), rootImportance));
            java.util.stream.LongStream.concat(java.util.Arrays.stream(classes),
                            java.util.Arrays.stream(categories).flatMapToLong(java.util.Arrays::stream))
                    .forEach(c -> cells.add(counts.cell(c, importance)));
            java.util.stream.LongStream.concat(java.util.Arrays.stream(months), java.util.Arrays.stream(outcomes))
                    .forEach(c -> cells.add(counts.cell(c, importance)));
        }

        static SchoolTable random(Random random, LinkedCounts counts, int categoriesPerClass, int monthCount,
                                  int incidents, int importance, int rootImportance) {
            long[] classes = new long[3];
            long[][] categories = new long[3][categoriesPerClass];
            long[] months = new long[monthCount];
            long[] outcomes = new long[3];
            for (int i = 0; i < incidents; i++) {
                int c = random.nextInt(10) < 6 ? 2 : random.nextInt(2);
                classes[c]++;
                categories[c][random.nextInt(categoriesPerClass)]++;
                months[random.nextInt(months.length)]++;
                outcomes[random.nextInt(outcomes.length)]++;
            }
            return new SchoolTable(counts, classes, categories, months, outcomes, importance, rootImportance);
        }

        /** The trust's table: the sum of its schools', cell by cell. */
        static SchoolTable sumOf(LinkedCounts counts, List<SchoolTable> schools) {
            SchoolTable first = schools.get(0);
            long[] classes = new long[first.classes.length];
            long[][] categories = new long[first.categories.length][first.categories[0].length];
            long[] months = new long[first.months.length];
            long[] outcomes = new long[first.outcomes.length];
            for (SchoolTable school : schools) {
                for (int c = 0; c < classes.length; c++) {
                    classes[c] += school.classes[c];
                    for (int k = 0; k < categories[c].length; k++) {
                        categories[c][k] += school.categories[c][k];
                    }
                }
                for (int m = 0; m < months.length; m++) {
                    months[m] += school.months[m];
                }
                for (int o = 0; o < outcomes.length; o++) {
                    outcomes[o] += school.outcomes[o];
                }
            }
            return new SchoolTable(counts, classes, categories, months, outcomes, 0, 3);
        }

        /** Declares the table's own sums, and the table itself. */
        void declare() {
            int at = 0;
            int total = cells.get(at++);
            List<Integer> classCells = new ArrayList<>();
            for (int c = 0; c < classes.length; c++) {
                classCells.add(cells.get(at++));
            }
            counts.sum(total, classCells);
            for (int c = 0; c < classes.length; c++) {
                List<Integer> parts = new ArrayList<>();
                for (int k = 0; k < categories[c].length; k++) {
                    parts.add(cells.get(at++));
                }
                counts.sum(classCells.get(c), parts);
            }
            List<Integer> monthCells = new ArrayList<>();
            for (int m = 0; m < months.length; m++) {
                monthCells.add(cells.get(at++));
            }
            counts.sum(total, monthCells);
            List<Integer> outcomeCells = new ArrayList<>();
            for (int o = 0; o < outcomes.length; o++) {
                outcomeCells.add(cells.get(at++));
            }
            counts.sum(total, outcomeCells);
            counts.table(total, cells.subList(1, cells.size()));
        }

        @Override
        public String toString() {
            return "classes " + java.util.Arrays.toString(classes) + " categories " + java.util.Arrays.deepToString(categories)
                    + " months " + java.util.Arrays.toString(months) + " outcomes " + java.util.Arrays.toString(outcomes);
        }
    }
}
