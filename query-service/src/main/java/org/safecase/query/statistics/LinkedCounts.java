package org.safecase.query.statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Counts to be published together, and the sums that tie them: a breakdown's total is the sum of its
 * parts, a subtotal is itself a part of a higher total, a trust's figure is the sum of its schools'.
 * Everything a reader could subtract must be declared here, so that {@link DisclosureControl} can
 * protect against it.
 */
public final class LinkedCounts {

    private final List<Long> counts = new ArrayList<>();
    private final List<Integer> importance = new ArrayList<>();
    private final List<int[]> sums = new ArrayList<>();
    private final List<int[]> tables = new ArrayList<>();

    /** A cell that secondary suppression may pick first. */
    public int cell(long count) {
        return cell(count, 0);
    }

    /**
     * A cell; when one more cell must be suppressed to protect another, the candidates of lowest
     * {@code importance} are taken first (then the smallest), so that headline totals stay published.
     */
    public int cell(long count, int importance) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + count);
        }
        counts.add(count);
        this.importance.add(importance);
        return counts.size() - 1;
    }

    /** Declares that {@code total} is the sum of {@code parts}, as a reader would know. */
    public void sum(int total, Collection<Integer> parts) {
        int[] equation = new int[parts.size() + 1];
        equation[0] = check(total);
        long sum = 0;
        int i = 1;
        for (int part : parts) {
            equation[i++] = check(part);
            sum += counts.get(part);
        }
        if (sum != counts.get(total)) {
            throw new IllegalArgumentException("the parts add up to " + sum + ", not to their total " + counts.get(total));
        }
        sums.add(equation);
    }

    /**
     * Declares a table published as a whole with {@code root} as its grand total: when that total is
     * itself a small number, every cell of the table, zeros included, is suppressed.
     */
    public void table(int root, Collection<Integer> cells) {
        int[] table = new int[cells.size() + 1];
        table[0] = check(root);
        int i = 1;
        for (int cell : cells) {
            table[i++] = check(cell);
        }
        tables.add(table);
    }

    public int size() {
        return counts.size();
    }

    long count(int cell) {
        return counts.get(cell);
    }

    int importance(int cell) {
        return importance.get(cell);
    }

    /** Each sum as {@code [total, part, part, ...]}. */
    List<int[]> sums() {
        return sums;
    }

    /** Each table as {@code [root, cell, cell, ...]}. */
    List<int[]> tables() {
        return tables;
    }

    private int check(int cell) {
        if (cell < 0 || cell >= counts.size()) {
            throw new IllegalArgumentException("no such cell: " + cell);
        }
        return cell;
    }
}
