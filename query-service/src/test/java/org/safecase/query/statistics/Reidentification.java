package org.safecase.query.statistics;

import org.safecase.query.statistics.Attacker.Term;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An outsider with the published statistics of some schools and their trust, trying to recover a
 * suppressed count: they know every sum that holds in a report (the total is the sum of the
 * classifications, of the months and of the outcomes; a classification is the sum of its categories,
 * known from the public catalogue), that a trust's figures are the sums of its schools', and that a
 * "c" is at least 1 (or 0 where a whole report is "c"). Works from the JSON as served.
 */
final class Reidentification {

    private static final List<String> BREAKDOWNS = List.of("byClassification", "byCategory", "bySubjectType", "byOutcome",
            "referrals", "byPeriod");

    private final Set<String> catalogue;
    private final Map<String, JsonNode> reports = new LinkedHashMap<>();

    /** @param catalogue the category codes of the public catalogue */
    Reidentification(java.util.Collection<String> catalogue) {
        this.catalogue = new LinkedHashSet<>(catalogue);
    }
    private final Map<String, List<String>> trusts = new LinkedHashMap<>();

    /** A report as published, under a name of the reader's choosing (for example the school id). */
    Reidentification report(String unit, JsonNode report) {
        reports.put(unit, report);
        return this;
    }

    /** The reader knows the trust's report is the sum of these schools' reports. */
    Reidentification trust(String trustUnit, List<String> schoolUnits) {
        trusts.put(trustUnit, List.copyOf(schoolUnits));
        return this;
    }

    /** The public catalogue: a category code's classification. */
    static String classificationOf(String code) {
        if (code.startsWith("ILL-")) {
            return "ILLEGAL";
        }
        if (code.startsWith("SG-")) {
            return "SAFEGUARDING";
        }
        return "INAPPROPRIATE";
    }

    /**
     * Every "c" the reader can pin down to a count of 1 or more, as {@code unit/breakdown/key}: must be
     * empty. (A 0 can be: where a trust publishes 0, each of its schools has 0, as with any zero shown.)
     */
    List<String> pinnedDown() {
        Set<String> categories = new LinkedHashSet<>(catalogue);
        long largest = 10;
        for (JsonNode report : reports.values()) {
            report.get("byCategory").propertyNames().forEach(categories::add);
            for (JsonNode value : values(report)) {
                if (value.isNumber()) {
                    largest = Math.max(largest, value.asLong());
                }
            }
        }
        // a bound no figure can reach: subject counts can exceed every published figure
        Attacker attacker = new Attacker(10 * largest + 100);
        Map<String, Term> terms = new LinkedHashMap<>();
        Map<String, Integer> unknownOf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : reports.entrySet()) {
            String unit = entry.getKey();
            JsonNode report = entry.getValue();
            boolean whole = values(report).stream().allMatch(v -> !v.isNumber());
            put(attacker, terms, unknownOf, unit + "/total", report.get("total"), 1);
            for (String breakdown : BREAKDOWNS) {
                if (breakdown.equals("byCategory")) {
                    for (String code : categories) {
                        JsonNode value = report.get(breakdown).get(code);
                        if (value == null && !whole) {
                            terms.put(unit + "/byCategory/" + code, Term.known(0));
                        } else {
                            put(attacker, terms, unknownOf, unit + "/byCategory/" + code, value, whole ? 0 : 1);
                        }
                    }
                    continue;
                }
                report.get(breakdown).properties().forEach(field ->
                        put(attacker, terms, unknownOf, unit + "/" + breakdown + "/" + field.getKey(), field.getValue(),
                                whole ? 0 : 1));
            }
            Term total = terms.get(unit + "/total");
            attacker.sum(total, termsOf(terms, unit + "/byClassification/"));
            attacker.sum(total, termsOf(terms, unit + "/byPeriod/"));
            attacker.sum(total, termsOf(terms, unit + "/byOutcome/"));
            report.get("byClassification").propertyNames().forEach(classification -> {
                List<Term> parts = new ArrayList<>();
                categories.stream().filter(code -> classificationOf(code).equals(classification))
                        .forEach(code -> parts.add(terms.get(unit + "/byCategory/" + code)));
                attacker.sum(terms.get(unit + "/byClassification/" + classification), parts);
            });
        }
        trusts.forEach((trust, schools) -> {
            for (String key : terms.keySet()) {
                if (!key.startsWith(trust + "/")) {
                    continue;
                }
                String cell = key.substring(trust.length());
                attacker.sum(terms.get(key), schools.stream().map(s -> terms.get(s + cell)).toList());
            }
        });
        Map<Integer, Long> pinned = attacker.pinnedDown();
        return unknownOf.entrySet().stream().filter(e -> pinned.getOrDefault(e.getValue(), 0L) > 0)
                .map(e -> e.getKey() + " = " + pinned.get(e.getValue())).toList();
    }

    private static void put(Attacker attacker, Map<String, Term> terms, Map<String, Integer> unknownOf, String key,
                            JsonNode value, long lower) {
        if (value != null && value.isNumber()) {
            terms.put(key, Term.known(value.asLong()));
        } else {
            int unknown = attacker.unknown(lower);
            unknownOf.put(key, unknown);
            terms.put(key, Term.unknown(unknown));
        }
    }

    private static List<Term> termsOf(Map<String, Term> terms, String prefix) {
        return terms.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    private static List<JsonNode> values(JsonNode report) {
        List<JsonNode> values = new ArrayList<>();
        values.add(report.get("total"));
        for (String breakdown : BREAKDOWNS) {
            report.get(breakdown).values().forEach(values::add);
        }
        return values;
    }
}
