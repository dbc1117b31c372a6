package org.safecase.command.category;

import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sanctions matrix of seed 004 as versioned reference data (R15): for each category of the catalogue,
 * the rows of the pupils' and the staff's tables it falls under, and the actions those rows suggest.
 * It suggests and never enforces; a school replaces the file with its own matrix. Checked against the
 * catalogue at startup, so a matrix naming a category, row or action that does not exist never serves.
 */
@Component
public class SanctionsMatrix {

    private static final Logger log = LoggerFactory.getLogger(SanctionsMatrix.class);

    /** The seed's two tables: the subject type of the person selects one. */
    public enum Table { PUPILS, STAFF }

    /** Where a suggestion comes from: stated in the seed's words, or our placement of a row's X marks. */
    public enum Basis { SEED_TEXT, INFERRED }

    /** One column of the tables: the seed's words, and the sanction types that record it (none for a referral). */
    public record Action(String code, String words, Set<Table> tables, List<SanctionType> sanctionTypes) {
        public Action {
            tables = tables == null ? Set.of() : Set.copyOf(tables);
            sanctionTypes = sanctionTypes == null ? List.of() : List.copyOf(sanctionTypes);
        }
    }

    /** An action a row suggests. */
    public record Mark(String action, Basis basis) {
    }

    /** One incident row of a table, as the seed words it, with the number of X marks extraction left on it. */
    public record Row(int row, String incident, int marksExtracted, String source, List<Mark> suggested) {
        public Row {
            suggested = suggested == null ? List.of() : List.copyOf(suggested);
        }
    }

    record TableRows(List<SubjectType> subjectTypes, String note, List<Row> rows) {
        TableRows {
            subjectTypes = subjectTypes == null ? List.of() : List.copyOf(subjectTypes);
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    /** A category's place in the tables: row numbers of each, the seed passages cited, and why where it is thin. */
    record Entry(String code, List<Integer> pupils, List<Integer> staff, List<String> sources, String note) {
        Entry {
            pupils = pupils == null ? List.of() : List.copyOf(pupils);
            staff = staff == null ? List.of() : List.copyOf(staff);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        List<Integer> rowsOf(Table table) {
            return table == Table.PUPILS ? pupils : staff;
        }
    }

    private record Document(String version, String source, String caveat, List<Action> actions,
                            Map<Table, TableRows> tables, List<Entry> categories) {
    }

    /** A suggested action, with the seed's words and the sanction types that record it. */
    public record Suggestion(String action, String words, List<SanctionType> sanctionTypes, Basis basis) {
    }

    /** A row a category falls under, without its suggestions (they are merged into the table's). */
    public record RowCited(int row, String incident, int marksExtracted, String source) {
    }

    /** What one table suggests for a category: the union of its rows' actions, in the table's column order. */
    public record TableSuggestions(List<SubjectType> subjectTypes, List<RowCited> rows, List<Suggestion> suggested) {
    }

    /** Everything the matrix says about one category. */
    public record Suggestions(String category, String matrixVersion, List<String> sources, String note,
                              TableSuggestions pupils, TableSuggestions staff, String caveat) {
    }

    private final String version;
    private final String caveat;
    private final Map<String, Action> actions;
    private final Map<Table, TableRows> tables;
    private final Map<String, Entry> entries;
    private final CategoryCatalogue catalogue;

    public SanctionsMatrix(@Value("${safecase.sanctions-matrix:classpath:catalogue/sanctions.json}") Resource resource,
                           JsonMapper jsonMapper, CategoryCatalogue catalogue) {
        Document document;
        try (InputStream in = resource.getInputStream()) {
            document = jsonMapper.readValue(in, Document.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sanctions matrix " + resource, e);
        }
        this.catalogue = catalogue;
        this.version = document.version();
        this.caveat = document.caveat();
        this.actions = uniquely(document.actions(), Action::code, "action");
        this.tables = new EnumMap<>(Table.class);
        this.tables.putAll(document.tables());
        this.entries = uniquely(document.categories(), Entry::code, "category");
        check();
    }

    public String version() {
        return version;
    }

    /** The matrix's suggestions for a category of the catalogue; empty if the catalogue has no such category. */
    public Optional<Suggestions> forCategory(String code) {
        return catalogue.find(code).map(category -> {
            Entry entry = entries.get(code);
            if (entry == null) {
                return new Suggestions(code, version, List.of(), "Not in the sanctions matrix: no suggestions",
                        suggestions(Table.PUPILS, List.of()), suggestions(Table.STAFF, List.of()), caveat);
            }
            return new Suggestions(code, version, entry.sources(), entry.note(),
                    suggestions(Table.PUPILS, entry.pupils()), suggestions(Table.STAFF, entry.staff()), caveat);
        });
    }

    /** The codes of the categories the matrix places. */
    public Set<String> categoriesPlaced() {
        return entries.keySet();
    }

    private TableSuggestions suggestions(Table table, List<Integer> rowNumbers) {
        TableRows rows = tables.get(table);
        List<Row> cited = rowNumbers.stream().map(n -> row(table, n).orElseThrow()).toList();
        Map<String, Basis> marked = new LinkedHashMap<>();
        cited.stream().flatMap(r -> r.suggested().stream())
                // stated in the seed's words wins over our placement of a mark
                .forEach(m -> marked.merge(m.action(), m.basis(), (a, b) -> a == Basis.SEED_TEXT ? a : b));
        List<Suggestion> suggested = actions.values().stream()
                .filter(a -> marked.containsKey(a.code()))
                .map(a -> new Suggestion(a.code(), a.words(), a.sanctionTypes(), marked.get(a.code())))
                .toList();
        return new TableSuggestions(rows.subjectTypes(),
                cited.stream().map(r -> new RowCited(r.row(), r.incident(), r.marksExtracted(), r.source())).toList(),
                suggested);
    }

    private Optional<Row> row(Table table, int number) {
        return tables.get(table).rows().stream().filter(r -> r.row() == number).findFirst();
    }

    /** Every name in the matrix must exist: categories in the catalogue, rows in their table, actions in the columns. */
    private void check() {
        for (Table table : Table.values()) {
            TableRows rows = tables.get(table);
            if (rows == null) {
                throw invalid("no " + table + " table");
            }
            uniquely(rows.rows(), Row::row, table + " row");
            for (Row row : rows.rows()) {
                for (Mark mark : row.suggested()) {
                    Action action = actions.get(mark.action());
                    if (action == null || !action.tables().contains(table) || mark.basis() == null) {
                        throw invalid(table + " row " + row.row() + " suggests " + mark.action()
                                + ", which is not a column of that table");
                    }
                }
            }
        }
        for (Entry entry : entries.values()) {
            Category category = catalogue.find(entry.code())
                    .orElseThrow(() -> invalid("category " + entry.code() + " is not in the category catalogue"));
            for (Table table : Table.values()) {
                List<Integer> cited = entry.rowsOf(table);
                for (int number : cited) {
                    if (row(table, number).isEmpty()) {
                        throw invalid(entry.code() + " cites " + table + " row " + number + ", which does not exist");
                    }
                }
                if (!cited.isEmpty() && disjoint(tables.get(table).subjectTypes(), category.subjectTypes())) {
                    throw invalid(entry.code() + " cites the " + table + " table, but applies to none of its subject types");
                }
            }
        }
        Set<String> unplaced = catalogue.all().stream().map(Category::code)
                .filter(code -> !entries.containsKey(code)).collect(Collectors.toCollection(TreeSet::new));
        if (!unplaced.isEmpty()) {
            log.warn("sanctions matrix {} places no row for categories {}: they get no suggestions", version, unplaced);
        }
    }

    private static boolean disjoint(Collection<SubjectType> a, Collection<SubjectType> b) {
        return a.stream().noneMatch(b::contains);
    }

    private static <K, V> Map<K, V> uniquely(List<V> values, Function<V, K> key, String what) {
        Map<K, V> byKey = new LinkedHashMap<>();
        Set<K> seen = new HashSet<>();
        for (V value : values == null ? List.<V>of() : values) {
            K k = key.apply(value);
            if (!seen.add(k)) {
                throw invalid(what + " " + k + " appears twice");
            }
            byKey.put(k, value);
        }
        return byKey;
    }

    private static IllegalStateException invalid(String problem) {
        return new IllegalStateException("invalid sanctions matrix: " + problem);
    }
}
