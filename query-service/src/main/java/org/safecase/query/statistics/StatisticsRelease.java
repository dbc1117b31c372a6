package org.safecase.query.statistics;

import org.safecase.events.Agency;
import org.safecase.events.Classification;
import org.safecase.events.Outcome;
import org.safecase.events.SubjectType;
import org.safecase.query.statistics.StatisticsRepository.CountRow;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One release of the statistics: the figures of every school of a trust and of the trust itself, for
 * one range of months, suppressed together. A trust user can read the trust and each of its schools,
 * so a school's small count must not be found by taking the other schools from the trust's figure:
 * the trust's figures are declared the sums of its schools', and every request about the trust or
 * any of its schools is cut from the same release. A school outside any trust is a release of its own.
 * Pure Java: the counts come in, the published figures go out.
 */
final class StatisticsRelease {

    /** The outcome of incidents not closed (yet): makes the outcomes a breakdown of the total. */
    static final String OPEN = "OPEN";

    // secondary suppression takes the least important cells first: the trust's breakdowns (each also
    // readable school by school), then the schools' breakdowns, then a school's total, the trust's last
    private static final int TRUST_CELL = 0;
    private static final int SCHOOL_CELL = 1;
    private static final int SCHOOL_TOTAL = 2;
    private static final int TRUST_TOTAL = 3;

    /** A published cell: a dimension and a key in it. */
    private record Slot(Dimension dimension, String parent, String item) {
    }

    private static final Slot TOTAL = new Slot(Dimension.INCIDENTS, "", "");

    /** The figures of one school, or of the trust. */
    record Published(Figure total, Map<String, Figure> byClassification, Map<String, Figure> byCategory,
                     Map<String, Figure> bySubjectType, Map<String, Figure> byOutcome, Map<String, Figure> referrals,
                     Map<String, Figure> byPeriod) {
    }

    private final DisclosureControl control;
    private final List<YearMonth> months;
    private final List<Slot> slots;
    private final Map<String, Map<Slot, Long>> countsByUnit = new LinkedHashMap<>();
    private final Map<String, Map<Slot, Integer>> cellsByUnit = new LinkedHashMap<>();
    private final DisclosureControl.Suppression suppression;

    /**
     * @param trustId  the trust the schools make up, or null for a school outside any trust
     * @param schoolIds every school of the release
     * @param rows     their counters, summed by month of report
     */
    StatisticsRelease(DisclosureControl control, String trustId, Collection<String> schoolIds, YearMonth from,
                      YearMonth to, List<CountRow> rows) {
        this.control = control;
        this.months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        for (String schoolId : new TreeSet<>(schoolIds)) {
            countsByUnit.put(schoolId, new HashMap<>());
        }
        for (CountRow row : rows) {
            Map<Slot, Long> counts = countsByUnit.get(row.schoolId());
            if (counts == null) {
                continue;
            }
            if (row.dimension() == Dimension.INCIDENTS) {
                counts.merge(TOTAL, row.count(), Long::sum);
                counts.merge(new Slot(Dimension.INCIDENTS, "", row.period().toString()), row.count(), Long::sum);
            } else {
                counts.merge(new Slot(row.dimension(), row.parent(), row.item()), row.count(), Long::sum);
            }
        }
        this.slots = slots();
        for (Map<Slot, Long> counts : countsByUnit.values()) {
            long closed = slots.stream().filter(s -> s.dimension() == Dimension.OUTCOME && !s.item().equals(OPEN))
                    .mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
            counts.put(new Slot(Dimension.OUTCOME, "", OPEN), counts.getOrDefault(TOTAL, 0L) - closed);
        }
        List<String> schools = List.copyOf(countsByUnit.keySet());
        if (trustId != null) {
            Map<Slot, Long> trust = new HashMap<>();
            for (String schoolId : schools) {
                countsByUnit.get(schoolId).forEach((slot, count) -> trust.merge(slot, count, Long::sum));
            }
            countsByUnit.put(unitOfTrust(trustId), trust);
        }

        LinkedCounts counts = new LinkedCounts();
        for (String schoolId : schools) {
            cellsByUnit.put(schoolId, declare(counts, countsByUnit.get(schoolId), SCHOOL_CELL, SCHOOL_TOTAL));
        }
        if (trustId != null) {
            Map<Slot, Integer> trust = declare(counts, countsByUnit.get(unitOfTrust(trustId)), TRUST_CELL, TRUST_TOTAL);
            cellsByUnit.put(unitOfTrust(trustId), trust);
            for (Slot slot : slots) {
                counts.sum(trust.get(slot), schools.stream().map(s -> cellsByUnit.get(s).get(slot)).toList());
            }
        }
        this.suppression = control.apply(counts);
    }

    Published school(String schoolId) {
        return published(schoolId);
    }

    Published trust(String trustId) {
        return published(unitOfTrust(trustId));
    }

    /** Every cell a release publishes, in the order of the response: the same keys for every unit of it. */
    private List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        slots.add(TOTAL);
        Set<String> classifications = keys(Dimension.CLASSIFICATION, Classification.values());
        classifications.forEach(c -> slots.add(new Slot(Dimension.CLASSIFICATION, "", c)));
        List<String> classificationOrder = List.copyOf(classifications);
        countsByUnit.values().stream().flatMap(c -> c.entrySet().stream())
                .filter(e -> e.getKey().dimension() == Dimension.CATEGORY && e.getValue() != 0)
                .map(Map.Entry::getKey)
                .distinct()
                .sorted(Comparator.comparing((Slot s) -> classificationOrder.indexOf(s.parent())).thenComparing(Slot::item))
                .forEach(slots::add);
        months.forEach(m -> slots.add(new Slot(Dimension.INCIDENTS, "", m.toString())));
        keys(Dimension.OUTCOME, Outcome.values()).forEach(o -> slots.add(new Slot(Dimension.OUTCOME, "", o)));
        slots.add(new Slot(Dimension.OUTCOME, "", OPEN));
        keys(Dimension.SUBJECT_TYPE, SubjectType.values()).forEach(t -> slots.add(new Slot(Dimension.SUBJECT_TYPE, "", t)));
        List<String> targets = new ArrayList<>(List.of(StatisticsProjection.POLICE));
        Arrays.stream(Agency.values()).map(Agency::name).forEach(targets::add);
        keys(Dimension.REFERRAL, targets.toArray(String[]::new)).forEach(t -> slots.add(new Slot(Dimension.REFERRAL, "", t)));
        return slots;
    }

    /** The known keys of a dimension in their order, then any other key the counters hold. */
    private Set<String> keys(Dimension dimension, Object[] known) {
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(known).map(String::valueOf).forEach(keys::add);
        countsByUnit.values().stream().flatMap(c -> c.keySet().stream())
                .filter(s -> s.dimension() == dimension && !(dimension == Dimension.OUTCOME && s.item().equals(OPEN)))
                .map(Slot::item)
                .sorted().forEach(keys::add);
        return keys;
    }

    /** One unit's cells and the sums a reader knows hold among them. */
    private Map<Slot, Integer> declare(LinkedCounts counts, Map<Slot, Long> values, int importance, int totalImportance) {
        Map<Slot, Integer> cells = new LinkedHashMap<>();
        for (Slot slot : slots) {
            cells.put(slot, counts.cell(values.getOrDefault(slot, 0L), slot.equals(TOTAL) ? totalImportance : importance));
        }
        int total = cells.get(TOTAL);
        List<Integer> classifications = cellsOf(cells, Dimension.CLASSIFICATION, null);
        counts.sum(total, classifications);
        for (Map.Entry<Slot, Integer> entry : cells.entrySet()) {
            if (entry.getKey().dimension() == Dimension.CLASSIFICATION) {
                counts.sum(entry.getValue(), cellsOf(cells, Dimension.CATEGORY, entry.getKey().item()));
            }
        }
        counts.sum(total, cells.entrySet().stream()
                .filter(e -> e.getKey().dimension() == Dimension.INCIDENTS && !e.getKey().equals(TOTAL))
                .map(Map.Entry::getValue).toList());
        counts.sum(total, cellsOf(cells, Dimension.OUTCOME, null));
        counts.table(total, cells.entrySet().stream().filter(e -> !e.getKey().equals(TOTAL)).map(Map.Entry::getValue).toList());
        return cells;
    }

    private static List<Integer> cellsOf(Map<Slot, Integer> cells, Dimension dimension, String parent) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().dimension() == dimension && (parent == null || parent.equals(e.getKey().parent())))
                .map(Map.Entry::getValue).toList();
    }

    private Published published(String unit) {
        Map<Slot, Integer> cells = cellsByUnit.get(unit);
        if (cells == null) {
            throw new IllegalArgumentException("not part of this release");
        }
        Map<Slot, Long> values = countsByUnit.get(unit);
        Figure total = suppression.figure(cells.get(TOTAL));
        boolean wholeTableSuppressed = control.isSmall(values.getOrDefault(TOTAL, 0L));
        Map<String, Figure> byCategory = new LinkedHashMap<>();
        if (!wholeTableSuppressed) {
            // a code a catalogue edit moved to another classification is listed once under each
            Set<String> sharedCodes = cells.keySet().stream().filter(s -> s.dimension() == Dimension.CATEGORY)
                    .collect(Collectors.groupingBy(Slot::item, Collectors.counting()))
                    .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
            cells.forEach((slot, cell) -> {
                if (slot.dimension() != Dimension.CATEGORY) {
                    return;
                }
                Figure figure = suppression.figure(cell);
                // a published 0 is left out: the categories listed are those with incidents (or "c")
                if (figure.isSuppressed() || figure.count() != 0) {
                    String key = sharedCodes.contains(slot.item()) ? slot.item() + " (" + slot.parent() + ")" : slot.item();
                    byCategory.put(key, figure);
                }
            });
        }
        return new Published(total,
                figures(cells, Dimension.CLASSIFICATION, Slot::item),
                byCategory,
                figures(cells, Dimension.SUBJECT_TYPE, Slot::item),
                figures(cells, Dimension.OUTCOME, Slot::item),
                figures(cells, Dimension.REFERRAL, Slot::item),
                months.stream().collect(Collectors.toMap(YearMonth::toString,
                        m -> suppression.figure(cells.get(new Slot(Dimension.INCIDENTS, "", m.toString()))),
                        (a, b) -> a, LinkedHashMap::new)));
    }

    private Map<String, Figure> figures(Map<Slot, Integer> cells, Dimension dimension, Function<Slot, String> key) {
        Map<String, Figure> figures = new LinkedHashMap<>();
        cells.forEach((slot, cell) -> {
            if (slot.dimension() == dimension) {
                figures.put(key.apply(slot), suppression.figure(cell));
            }
        });
        return figures;
    }

    private static String unitOfTrust(String trustId) {
        // a school id never contains a line feed, so this cannot clash with one
        return "trust\n" + trustId;
    }
}
