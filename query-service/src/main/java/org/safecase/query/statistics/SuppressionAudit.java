package org.safecase.query.statistics;

import java.util.BitSet;

/**
 * The audit statistical offices run on a suppression pattern: for each suppressed cell, the least and
 * the greatest value it can take given everything published (linear programming over the sums, each
 * cell at or above what a reader knows of it). A cell whose least and greatest values meet is pinned
 * down. Exact where propagating bounds one sum at a time is not: when the sums form cycles, as a
 * trust's figures and its schools' do.
 * <p>
 * A dense two-phase simplex with Bland's rule (no cycling). It starts from the true counts, a point
 * known to fit, and stops a cell's search as soon as any feasible point moves it.
 */
final class SuppressionAudit {

    private static final double EPS = 1e-7;

    private final int m;
    private final int n;
    /** m rows of n variables, then m artificials, then the right-hand side. */
    private final double[][] t;
    private final int[] basis;
    private final double[] truth;
    private final BitSet movable = new BitSet();

    /**
     * @param a     one row per sum, its coefficient for each unknown
     * @param b     what each row adds up to, once the published cells are moved to this side
     * @param lower what a reader knows each unknown to be at least
     * @param truth the true value of each unknown (a point that fits every row)
     */
    private SuppressionAudit(long[][] a, long[] b, long[] lower, long[] truth) {
        this.m = a.length;
        this.n = lower.length;
        this.t = new double[m][n + m + 1];
        this.basis = new int[m];
        this.truth = new double[n];
        for (int j = 0; j < n; j++) {
            this.truth[j] = truth[j] - lower[j];
        }
        for (int r = 0; r < m; r++) {
            // variables shifted to y = x - lower >= 0
            double rhs = b[r];
            for (int j = 0; j < n; j++) {
                rhs -= a[r][j] * lower[j];
            }
            double sign = rhs < 0 ? -1 : 1;
            for (int j = 0; j < n; j++) {
                t[r][j] = sign * a[r][j];
            }
            t[r][n + r] = 1;
            t[r][n + m] = sign * rhs;
            basis[r] = n + r;
        }
    }

    /** The unknowns a reader can pin down to a single value. */
    static BitSet pinned(long[][] a, long[] b, long[] lower, long[] truth) {
        int n = lower.length;
        SuppressionAudit audit = new SuppressionAudit(a, b, lower, truth);
        audit.findAFeasibleBasis();
        BitSet pinned = new BitSet();
        for (int j = 0; j < n; j++) {
            if (audit.movable.get(j)) {
                continue;
            }
            if (!audit.canMove(j, 1) && !audit.canMove(j, -1)) {
                pinned.set(j);
            }
        }
        return pinned;
    }

    private void findAFeasibleBasis() {
        double[] cost = new double[n + m];
        for (int r = 0; r < m; r++) {
            cost[n + r] = -1;
        }
        optimise(cost, n + m, -1, 0);
        for (int r = 0; r < m; r++) {
            if (t[r][n + m] > EPS && basis[r] >= n) {
                throw new IllegalStateException("the published figures contradict their sums");
            }
        }
        // drive the artificials out of the basis; a row where none can leave is a redundant sum
        for (int r = 0; r < m; r++) {
            if (basis[r] < n) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(t[r][j]) > EPS) {
                    pivot(r, j);
                    break;
                }
            }
        }
        noteMovedCells();
    }

    /** Whether some feasible point has unknown {@code j} above ({@code direction} 1) or below (-1) its true value. */
    private boolean canMove(int j, int direction) {
        double[] cost = new double[n + m];
        cost[j] = direction;
        return optimise(cost, n, j, direction);
    }

    /**
     * Maximises {@code cost} over the first {@code columns} columns from the current feasible basis.
     * With a {@code target}, stops as soon as it has moved in {@code direction}, and answers whether it
     * did.
     */
    private boolean optimise(double[] cost, int columns, int target, int direction) {
        while (true) {
            noteMovedCells();
            if (target >= 0 && moved(target, direction)) {
                return true;
            }
            boolean[] basic = new boolean[n + m];
            for (int b : basis) {
                basic[b] = true;
            }
            int entering = -1;
            for (int j = 0; j < columns && entering < 0; j++) {
                if (!basic[j] && reducedCost(cost, j) > EPS) {
                    entering = j;
                }
            }
            if (entering < 0) {
                return false;
            }
            int leaving = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < m; r++) {
                if (t[r][entering] > EPS) {
                    double ratio = t[r][n + m] / t[r][entering];
                    if (leaving < 0 || ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[r] < basis[leaving])) {
                        best = ratio;
                        leaving = r;
                    }
                }
            }
            if (leaving < 0) {
                // unbounded: the target can grow without end, so it is certainly not pinned
                if (target >= 0) {
                    movable.set(target);
                }
                return true;
            }
            pivot(leaving, entering);
        }
    }

    private double reducedCost(double[] cost, int j) {
        double d = cost[j];
        for (int r = 0; r < m; r++) {
            d -= cost[basis[r]] * t[r][j];
        }
        return d;
    }


    private double value(int j) {
        for (int r = 0; r < m; r++) {
            if (basis[r] == j) {
                return t[r][n + m];
            }
        }
        return 0;
    }

    private double[] values() {
        double[] values = new double[n];
        for (int r = 0; r < m; r++) {
            if (basis[r] < n) {
                values[basis[r]] = t[r][n + m];
            }
        }
        return values;
    }

    private boolean moved(int j, int direction) {
        double delta = value(j) - truth[j];
        return direction > 0 ? delta > EPS : delta < -EPS;
    }

    /** Any feasible point shows that each unknown it has off its true value can take two values. */
    private void noteMovedCells() {
        boolean feasible = true;
        for (int r = 0; r < m; r++) {
            if (basis[r] >= n && t[r][n + m] > EPS) {
                feasible = false;
            }
        }
        if (!feasible) {
            return;
        }
        double[] values = values();
        for (int j = 0; j < n; j++) {
            if (Math.abs(values[j] - truth[j]) > EPS) {
                movable.set(j);
            }
        }
    }

    private void pivot(int row, int column) {
        double[] p = t[row];
        double pv = p[column];
        for (int k = 0; k < p.length; k++) {
            p[k] /= pv;
        }
        for (int r = 0; r < m; r++) {
            if (r == row) {
                continue;
            }
            double factor = t[r][column];
            if (Math.abs(factor) <= EPS) {
                t[r][column] = 0;
                continue;
            }
            double[] q = t[r];
            for (int k = 0; k < q.length; k++) {
                q[k] -= factor * p[k];
            }
            q[column] = 0;
        }
        basis[row] = column;
    }
}
