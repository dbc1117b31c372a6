package org.safecase.query.statistics;

import org.safecase.query.statistics.Attacker.Term;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Puts an {@link Attacker} in front of what {@link DisclosureControl} published of linked tables. */
final class Recovery {

    private Recovery() {
    }

    /**
     * The suppressed cells holding a count above 0 that a reader can pin down from the published cells
     * and the sums: must always be empty.
     */
    static List<Integer> recoverableCells(LinkedCounts counts, DisclosureControl.Suppression suppression) {
        return recoverableCells(counts, suppression, Long.MAX_VALUE);
    }

    /**
     * As {@link #recoverableCells(LinkedCounts, DisclosureControl.Suppression)}, for a reader who also
     * knows which "c" were suppressed for being small, so are at most {@code threshold} (more than a
     * real reader can tell).
     */
    static List<Integer> recoverableCells(LinkedCounts counts, DisclosureControl.Suppression suppression, long threshold) {
        Set<Integer> inWholeTables = new HashSet<>();
        for (int[] table : counts.tables()) {
            boolean whole = true;
            for (int cell : table) {
                whole &= suppression.isSuppressed(cell);
            }
            if (whole) {
                for (int i = 1; i < table.length; i++) {
                    inWholeTables.add(table[i]);
                }
            }
        }
        long largest = 0;
        for (int i = 0; i < counts.size(); i++) {
            largest = Math.max(largest, counts.count(i));
        }
        Attacker attacker = new Attacker(2 * largest + 2);
        int[] unknown = new int[counts.size()];
        for (int i = 0; i < counts.size(); i++) {
            boolean whole = inWholeTables.contains(i);
            boolean small = counts.count(i) >= 1 && counts.count(i) <= threshold && !whole && threshold >= 2;
            unknown[i] = suppression.isSuppressed(i)
                    ? attacker.unknown(whole ? 0 : 1, small ? threshold : Long.MAX_VALUE) : -1;
        }
        for (int[] sum : counts.sums()) {
            List<Term> parts = new ArrayList<>();
            for (int k = 1; k < sum.length; k++) {
                parts.add(term(counts, suppression, unknown, sum[k]));
            }
            attacker.sum(term(counts, suppression, unknown, sum[0]), parts);
        }
        Set<Integer> pinned = attacker.pinnedDown().keySet();
        List<Integer> recoverable = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            if (unknown[i] >= 0 && counts.count(i) > 0 && pinned.contains(unknown[i])) {
                recoverable.add(i);
            }
        }
        return recoverable;
    }

    private static Term term(LinkedCounts counts, DisclosureControl.Suppression suppression, int[] unknown, int cell) {
        return suppression.isSuppressed(cell) ? Term.unknown(unknown[cell]) : Term.known(counts.count(cell));
    }
}
