package org.safecase.query.statistics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistical disclosure control of published counts, in the DfE's practice (PEERS.md section 4.2):
 * <ol>
 *   <li>primary suppression: a count from 1 to the threshold is shown as {@code "c"}; 0 is shown as 0;</li>
 *   <li>a table whose grand total is itself suppressed is suppressed whole, zeros included (a table of
 *       one incident would otherwise tell its category by the only cell that is not 0);</li>
 *   <li>secondary suppression: no sum may have exactly one suppressed cell, or it is found by
 *       subtraction; another cell of that sum is suppressed too: the next smallest, unless a larger one
 *       spares further suppressions elsewhere;</li>
 *   <li>and no suppressed cell may be pinned down by combining sums (a cell linking two blocks of
 *       suppressed cells of a two-way table) or by bounds (two suppressed cells that the total says add
 *       up to 2 must both be 1): another cell is suppressed until none is.</li>
 * </ol>
 * A reader is assumed to know every sum declared in the {@link LinkedCounts}, and that a {@code "c"}
 * is at least 1 (zeros are shown), or at least 0 inside a table suppressed whole. Against such a reader
 * no suppressed count above 0 can be pinned down (audited by linear programming, as statistical offices
 * audit suppression patterns). The quick
 * bounds check also assumes that a cell suppressed for being small is at most the threshold (more than
 * a reader can know, who cannot tell it from one suppressed to protect another); that is exact for
 * sums forming a tree (one school's tables), not for the cycles of a trust's tables with its schools'.
 * Pure Java: no Spring, no I/O.
 */
public final class DisclosureControl {

    public static final int DEFAULT_THRESHOLD = 5;

    private static final long UNBOUNDED = Long.MAX_VALUE / 4;
    private static final int MAX_BOUND_PASSES = 200;

    private final int threshold;

    public DisclosureControl(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("the suppression threshold cannot be negative: " + threshold);
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** Whether a count is small enough to be suppressed on its own. */
    public boolean isSmall(long count) {
        return count >= 1 && count <= threshold;
    }

    /** A one-dimensional breakdown: a total and its parts, published together. */
    public record Breakdown<K>(Figure total, Map<K, Figure> parts) {
    }

    public <K> Breakdown<K> breakdown(long total, Map<K, Long> parts) {
        LinkedCounts counts = new LinkedCounts();
        int totalCell = counts.cell(total, 1);
        Map<K, Integer> cells = new LinkedHashMap<>();
        parts.forEach((key, count) -> cells.put(key, counts.cell(count)));
        counts.sum(totalCell, cells.values());
        counts.table(totalCell, cells.values());
        Suppression suppression = apply(counts);
        Map<K, Figure> figures = new LinkedHashMap<>();
        cells.forEach((key, cell) -> figures.put(key, suppression.figure(cell)));
        return new Breakdown<>(suppression.figure(totalCell), Collections.unmodifiableMap(figures));
    }

    /** Which cells of linked tables to publish. */
    public Suppression apply(LinkedCounts counts) {
        Work work = new Work(counts);
        work.suppressSmallCounts();
        work.suppressSmallTables();
        work.suppressUntilNothingCanBeDerived();
        return new Suppression(counts, work.suppressed);
    }

    /** The outcome: each cell published or suppressed. */
    public static final class Suppression {

        private final LinkedCounts counts;
        private final boolean[] suppressed;

        private Suppression(LinkedCounts counts, boolean[] suppressed) {
            this.counts = counts;
            this.suppressed = suppressed;
        }

        public boolean isSuppressed(int cell) {
            return suppressed[cell];
        }

        public Figure figure(int cell) {
            return suppressed[cell] ? Figure.suppressed() : Figure.of(counts.count(cell));
        }

        public int suppressedCount() {
            int n = 0;
            for (boolean s : suppressed) {
                n += s ? 1 : 0;
            }
            return n;
        }
    }

    private final class Work {

        private final LinkedCounts counts;
        private final int n;
        private final boolean[] suppressed;
        /** What a reader knows of a suppressed cell: at least 1 (zeros are shown), or at least 0. */
        private final long[] lower;
        /** And at most the threshold, if it was suppressed for being small; else no bound. */
        private final long[] upper;
        private final List<int[]> sums;
        private final int[][] sumsOfCell;
        /** How many suppressed cells each sum has. */
        private final int[] suppressedInSum;
        private final BitSet accepted = new BitSet();

        Work(LinkedCounts counts) {
            this.counts = counts;
            this.n = counts.size();
            this.suppressed = new boolean[n];
            this.lower = new long[n];
            this.upper = new long[n];
            Arrays.fill(upper, UNBOUNDED);
            this.sums = counts.sums();
            List<List<Integer>> membership = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                membership.add(new ArrayList<>());
            }
            for (int s = 0; s < sums.size(); s++) {
                for (int cell : sums.get(s)) {
                    membership.get(cell).add(s);
                }
            }
            this.sumsOfCell = membership.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            this.suppressedInSum = new int[sums.size()];
        }

        void suppressSmallCounts() {
            for (int i = 0; i < n; i++) {
                if (isSmall(counts.count(i))) {
                    suppressed[i] = true;
                    lower[i] = 1;
                    // with a threshold of 1 a "c" is known to be 1: no further suppression can hide that
                    upper[i] = threshold >= 2 ? threshold : UNBOUNDED;
                }
            }
        }

        void suppressSmallTables() {
            for (int[] table : counts.tables()) {
                if (!isSmall(counts.count(table[0]))) {
                    continue;
                }
                for (int i = 1; i < table.length; i++) {
                    suppressed[table[i]] = true;
                    // inside a table suppressed whole a reader cannot tell a 0 from a 1
                    lower[table[i]] = 0;
                    upper[table[i]] = UNBOUNDED;
                }
                lower[table[0]] = 1;
            }
        }

        void suppressUntilNothingCanBeDerived() {
            for (int s = 0; s < sums.size(); s++) {
                for (int cell : sums.get(s)) {
                    suppressedInSum[s] += suppressed[cell] ? 1 : 0;
                }
            }
            while (true) {
                if (protectLoneCells()) {
                    continue;
                }
                int exposed = firstExposedCell();
                if (exposed < 0) {
                    return;
                }
                int partner = partnerFor(exposed, counts.count(exposed) > 0);
                if (partner < 0) {
                    // nothing published is left around it to suppress (a 0 that zeros give away): it stays as it is
                    accepted.set(exposed);
                } else {
                    suppress(partner);
                }
            }
        }

        private void suppress(int cell) {
            suppressed[cell] = true;
            lower[cell] = counts.count(cell) > 0 ? 1 : 0;
            upper[cell] = UNBOUNDED;
            for (int s : sumsOfCell[cell]) {
                suppressedInSum[s]++;
            }
        }

        /** A sum with exactly one suppressed cell gives it away by subtraction: suppress another of its cells. */
        private boolean protectLoneCells() {
            boolean changed = false;
            for (int s = 0; s < sums.size(); s++) {
                if (suppressedInSum[s] == 1) {
                    int partner = bestCandidate(-1, s);
                    if (partner >= 0) {
                        suppress(partner);
                        changed = true;
                    }
                }
            }
            return changed;
        }

        /** Quick checks first; the full audit only once they find nothing. */
        private int firstExposedCell() {
            BitSet exposed = determinedByTheSums();
            exposed.or(pinnedByBounds());
            exposed.andNot(accepted);
            if (exposed.isEmpty()) {
                exposed = pinnedByTheAudit();
                exposed.andNot(accepted);
            }
            return exposed.nextSetBit(0);
        }

        private BitSet pinnedByTheAudit() {
            int[] column = new int[n];
            Arrays.fill(column, -1);
            List<Integer> unknowns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (suppressed[i]) {
                    column[i] = unknowns.size();
                    unknowns.add(i);
                }
            }
            List<long[]> rows = new ArrayList<>();
            List<Long> sides = new ArrayList<>();
            for (int[] sum : sums) {
                long[] row = new long[unknowns.size()];
                long side = 0;
                boolean any = false;
                for (int k = 0; k < sum.length; k++) {
                    int sign = k == 0 ? 1 : -1;
                    if (column[sum[k]] >= 0) {
                        row[column[sum[k]]] += sign;
                        any = true;
                    } else {
                        side -= sign * counts.count(sum[k]);
                    }
                }
                if (any) {
                    rows.add(row);
                    sides.add(side);
                }
            }
            long[] lowerBounds = new long[unknowns.size()];
            long[] truth = new long[unknowns.size()];
            for (int j = 0; j < unknowns.size(); j++) {
                lowerBounds[j] = lower[unknowns.get(j)];
                truth[j] = counts.count(unknowns.get(j));
            }
            // lower bounds only: the threshold as an upper bound (checked by the bounds above) would add a
            // row per small cell, too slow for a large trust
            BitSet pinnedColumns = SuppressionAudit.pinned(rows.toArray(long[][]::new),
                    sides.stream().mapToLong(Long::longValue).toArray(), lowerBounds, truth);
            BitSet pinned = new BitSet(n);
            pinnedColumns.stream().forEach(j -> pinned.set(unknowns.get(j)));
            return pinned;
        }

        /**
         * The suppressed cells some combination of the sums determines exactly: Gauss-Jordan elimination
         * of the sums over the suppressed cells (fraction-free, exact); a cell is determined when a
         * reduced row has it as its only unknown.
         */
        private BitSet determinedByTheSums() {
            int[] column = new int[n];
            Arrays.fill(column, -1);
            List<Integer> unknowns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (suppressed[i]) {
                    column[i] = unknowns.size();
                    unknowns.add(i);
                }
            }
            int width = unknowns.size();
            List<long[]> rows = new ArrayList<>();
            for (int[] sum : sums) {
                long[] row = new long[width];
                boolean any = false;
                for (int k = 0; k < sum.length; k++) {
                    if (column[sum[k]] >= 0) {
                        row[column[sum[k]]] += k == 0 ? 1 : -1;
                        any = true;
                    }
                }
                if (any) {
                    rows.add(row);
                }
            }
            int rank = 0;
            for (int col = 0; col < width && rank < rows.size(); col++) {
                int pivot = -1;
                for (int r = rank; r < rows.size(); r++) {
                    if (rows.get(r)[col] != 0) {
                        pivot = r;
                        break;
                    }
                }
                if (pivot < 0) {
                    continue;
                }
                Collections.swap(rows, rank, pivot);
                long[] p = rows.get(rank);
                int[] nonZero = nonZeroColumns(p);
                long pv = p[col];
                for (int r = 0; r < rows.size(); r++) {
                    long[] row = rows.get(r);
                    if (r == rank || row[col] == 0) {
                        continue;
                    }
                    long factor = row[col];
                    if (pv != 1 && pv != -1) {
                        for (int j = 0; j < width; j++) {
                            row[j] = Math.multiplyExact(row[j], pv);
                        }
                        for (int j : nonZero) {
                            row[j] = Math.subtractExact(row[j], Math.multiplyExact(p[j], factor));
                        }
                        normalise(row);
                    } else {
                        long scale = factor * pv;
                        for (int j : nonZero) {
                            row[j] = Math.subtractExact(row[j], Math.multiplyExact(p[j], scale));
                        }
                    }
                }
                rank++;
            }
            BitSet determined = new BitSet(n);
            for (int r = 0; r < rank; r++) {
                int[] nonZero = nonZeroColumns(rows.get(r));
                if (nonZero.length == 1) {
                    determined.set(unknowns.get(nonZero[0]));
                }
            }
            return determined;
        }

        /**
         * The suppressed cells whose bounds, propagated through the sums from what a reader knows (the
         * published cells, and that a {@code "c"} is at least 1 or 0), leave a single possible value.
         */
        private BitSet pinnedByBounds() {
            long[] lo = new long[n];
            long[] hi = new long[n];
            for (int i = 0; i < n; i++) {
                lo[i] = suppressed[i] ? lower[i] : counts.count(i);
                hi[i] = suppressed[i] ? upper[i] : counts.count(i);
            }
            boolean changed = true;
            for (int pass = 0; changed && pass < MAX_BOUND_PASSES; pass++) {
                changed = false;
                for (int[] sum : sums) {
                    changed |= tighten(sum, lo, hi);
                }
            }
            BitSet pinned = new BitSet(n);
            for (int i = 0; i < n; i++) {
                if (suppressed[i] && lo[i] == hi[i]) {
                    pinned.set(i);
                }
            }
            return pinned;
        }

        private boolean tighten(int[] sum, long[] lo, long[] hi) {
            boolean changed = false;
            int total = sum[0];
            long partsLo = 0;
            long finitePartsHi = 0;
            int unboundedParts = 0;
            for (int k = 1; k < sum.length; k++) {
                partsLo = saturatingAdd(partsLo, lo[sum[k]]);
                if (hi[sum[k]] >= UNBOUNDED) {
                    unboundedParts++;
                } else {
                    finitePartsHi += hi[sum[k]];
                }
            }
            long partsHi = unboundedParts > 0 ? UNBOUNDED : finitePartsHi;
            if (partsLo > lo[total]) {
                lo[total] = partsLo;
                changed = true;
            }
            if (partsHi < hi[total]) {
                hi[total] = partsHi;
                changed = true;
            }
            long totalLo = lo[total];
            long totalHi = hi[total];
            for (int k = 1; k < sum.length; k++) {
                int part = sum[k];
                long partLo = lo[part];
                long partHi = hi[part];
                boolean partUnbounded = partHi >= UNBOUNDED;
                int othersUnbounded = unboundedParts - (partUnbounded ? 1 : 0);
                if (othersUnbounded == 0) {
                    long othersHi = finitePartsHi - (partUnbounded ? 0 : partHi);
                    long candidate = totalLo - othersHi;
                    if (candidate > lo[part]) {
                        lo[part] = candidate;
                        changed = true;
                    }
                }
                if (totalHi < UNBOUNDED) {
                    long othersLo = partsLo - partLo;
                    long candidate = totalHi - othersLo;
                    if (candidate < hi[part]) {
                        hi[part] = candidate;
                        changed = true;
                    }
                }
            }
            return changed;
        }

        /**
         * The cell to suppress so that {@code exposed} is hidden again: the best candidate of the sums
         * it is part of; if none has one (all their other cells suppressed or 0), of the sums linked to
         * those through suppressed cells, and so on outwards.
         */
        private int partnerFor(int exposed, boolean searchOutwards) {
            BitSet visitedCells = new BitSet(n);
            BitSet visitedSums = new BitSet(sums.size());
            Deque<Integer> frontier = new ArrayDeque<>(List.of(exposed));
            visitedCells.set(exposed);
            while (!frontier.isEmpty()) {
                int best = -1;
                Deque<Integer> next = new ArrayDeque<>();
                for (int cell : frontier) {
                    for (int s : sumsOfCell[cell]) {
                        if (visitedSums.get(s)) {
                            continue;
                        }
                        visitedSums.set(s);
                        int[] sum = sums.get(s);
                        best = bestCandidate(best, s);
                        for (int other : sum) {
                            if (suppressed[other] && !visitedCells.get(other)) {
                                visitedCells.set(other);
                                next.add(other);
                            }
                        }
                    }
                }
                if (best >= 0 || !searchOutwards) {
                    return best;
                }
                frontier = next;
            }
            return -1;
        }

        /**
         * Of the published non-zero cells of a sum: the least important, counting as important as any
         * cell its suppression would force (in a sum where that cell is the only other one left to
         * suppress, as a total whose one non-zero part this is); then the one whose suppression leaves
         * the fewest other sums with a lone suppressed cell (each costs one more); then the smallest (the
         * DfE's "next smallest"); then a part before the total.
         */
        private int bestCandidate(int best, int sumIndex) {
            int[] sum = sums.get(sumIndex);
            boolean bestIsTotal = false;
            int bestImportance = best < 0 ? 0 : effectiveImportance(best, -1);
            int bestCascade = best < 0 ? 0 : cascade(best, -1);
            for (int k = 0; k < sum.length; k++) {
                int cell = sum[k];
                if (suppressed[cell] || counts.count(cell) == 0) {
                    continue;
                }
                int importance = effectiveImportance(cell, sumIndex);
                int cascade = cascade(cell, sumIndex);
                if (best < 0 || isBetter(cell, importance, cascade, k == 0, best, bestImportance, bestCascade, bestIsTotal)) {
                    best = cell;
                    bestImportance = importance;
                    bestCascade = cascade;
                    bestIsTotal = k == 0;
                }
            }
            return best;
        }

        /** The cell's importance, or that of a more important cell its suppression would force. */
        private int effectiveImportance(int cell, int except) {
            int importance = counts.importance(cell);
            for (int s : sumsOfCell[cell]) {
                if (s == except || suppressedInSum[s] != 0) {
                    continue;
                }
                int forced = -1;
                int left = 0;
                for (int other : sums.get(s)) {
                    if (other != cell && counts.count(other) > 0) {
                        forced = other;
                        left++;
                    }
                }
                if (left == 1) {
                    importance = Math.max(importance, counts.importance(forced));
                }
            }
            return importance;
        }

        /** The sums other than {@code except} that suppressing the cell would leave with a lone suppressed cell. */
        private int cascade(int cell, int except) {
            int cascade = 0;
            for (int s : sumsOfCell[cell]) {
                if (s != except && suppressedInSum[s] == 0) {
                    cascade++;
                }
            }
            return cascade;
        }

        private boolean isBetter(int cell, int importance, int cascade, boolean isTotal, int best, int bestImportance,
                                 int bestCascade, boolean bestIsTotal) {
            if (importance != bestImportance) {
                return importance < bestImportance;
            }
            if (cascade != bestCascade) {
                return cascade < bestCascade;
            }
            int byCount = Long.compare(counts.count(cell), counts.count(best));
            if (byCount != 0) {
                return byCount < 0;
            }
            if (isTotal != bestIsTotal) {
                return bestIsTotal;
            }
            return cell < best;
        }
    }

    private static int[] nonZeroColumns(long[] row) {
        int count = 0;
        for (long v : row) {
            count += v != 0 ? 1 : 0;
        }
        int[] columns = new int[count];
        int i = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
                columns[i++] = j;
            }
        }
        return columns;
    }

    private static void normalise(long[] row) {
        long gcd = 0;
        for (long v : row) {
            gcd = gcd(gcd, Math.abs(v));
        }
        if (gcd > 1) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= gcd;
            }
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum >= UNBOUNDED || sum < 0 ? UNBOUNDED : sum;
    }
}
