package org.safecase.query.statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader trying to recover suppressed figures: from the published figures and every sum they know,
 * is a {@code "c"} forced to one value? Exhaustive integer search (with propagation), independent of
 * {@link DisclosureControl}'s own reasoning; meant for small tables.
 */
final class Attacker {

    /** A term of a sum: a published count, or an unknown (a {@code "c"}). */
    record Term(int unknown, long value) {
        static Term known(long value) {
            return new Term(-1, value);
        }

        static Term unknown(int unknown) {
            return new Term(unknown, 0);
        }
    }

    private final long cap;
    private final List<Long> lower = new ArrayList<>();
    private final List<Long> upper = new ArrayList<>();
    private final List<int[]> vars = new ArrayList<>();
    private final List<int[]> coefs = new ArrayList<>();
    private final List<Long> constants = new ArrayList<>();

    /** {@code cap}: no figure can exceed it (for example the largest published total, or all incidents). */
    Attacker(long cap) {
        this.cap = cap;
    }

    /** A {@code "c"}, known to be at least {@code lowerBound}. */
    int unknown(long lowerBound) {
        return unknown(lowerBound, cap);
    }

    /** A {@code "c"}, known to lie between the bounds. */
    int unknown(long lowerBound, long upperBound) {
        lower.add(lowerBound);
        upper.add(Math.min(cap, upperBound));
        return lower.size() - 1;
    }

    /** The reader knows that {@code total} is the sum of {@code parts}. */
    void sum(Term total, List<Term> parts) {
        List<Integer> v = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        long constant = 0;
        if (total.unknown() >= 0) {
            v.add(total.unknown());
            c.add(1);
        } else {
            constant -= total.value();
        }
        for (Term part : parts) {
            if (part.unknown() >= 0) {
                v.add(part.unknown());
                c.add(-1);
            } else {
                constant += part.value();
            }
        }
        // total - parts = 0, the published figures moved to the right: sum of coef * unknown = constant
        if (v.isEmpty()) {
            if (constant != 0) {
                throw new IllegalArgumentException("the published figures contradict a sum");
            }
            return;
        }
        vars.add(v.stream().mapToInt(Integer::intValue).toArray());
        coefs.add(c.stream().mapToInt(Integer::intValue).toArray());
        constants.add(constant);
    }

    int unknowns() {
        return lower.size();
    }

    /** The unknowns the reader can pin down to a single value, with that value. */
    java.util.Map<Integer, Long> pinnedDown() {
        long[] first = solve(-1, -1);
        if (first == null) {
            throw new IllegalStateException("no assignment fits the published figures");
        }
        java.util.BitSet ambiguous = new java.util.BitSet();
        java.util.Map<Integer, Long> pinned = new java.util.TreeMap<>();
        for (int unknown = 0; unknown < lower.size(); unknown++) {
            if (ambiguous.get(unknown)) {
                continue;
            }
            long[] other = solve(unknown, first[unknown]);
            if (other == null) {
                pinned.put(unknown, first[unknown]);
                continue;
            }
            for (int u = 0; u < other.length; u++) {
                if (other[u] != first[u]) {
                    ambiguous.set(u);
                }
            }
        }
        return pinned;
    }

    /** Any assignment satisfying every sum, with {@code unknown} different from {@code forbidden} (if given). */
    private long[] solve(int unknown, long forbidden) {
        int n = lower.size();
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            lo[i] = lower.get(i);
            hi[i] = upper.get(i);
        }
        return search(lo, hi, unknown, forbidden);
    }

    /** Depth-first over the unknowns' ranges, narrowing them through every sum at each step. */
    private long[] search(long[] lo, long[] hi, int avoid, long forbidden) {
        if (!narrow(lo, hi, avoid, forbidden)) {
            return null;
        }
        int split = -1;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] < hi[i] && (split < 0 || hi[i] - lo[i] < hi[split] - lo[split])) {
                split = i;
            }
        }
        if (split < 0) {
            return lo;
        }
        long[] lo1 = lo.clone();
        long[] hi1 = hi.clone();
        hi1[split] = lo[split];
        long[] found = search(lo1, hi1, avoid, forbidden);
        if (found != null) {
            return found;
        }
        long[] lo2 = lo.clone();
        long[] hi2 = hi.clone();
        lo2[split] = lo[split] + 1;
        return search(lo2, hi2, avoid, forbidden);
    }

    /** Narrows each unknown's range to what every sum allows; false if some range empties. */
    private boolean narrow(long[] lo, long[] hi, int avoid, long forbidden) {
        boolean changed = true;
        while (changed) {
            changed = false;
            if (avoid >= 0) {
                if (lo[avoid] == forbidden) {
                    lo[avoid]++;
                    changed = true;
                }
                if (hi[avoid] == forbidden) {
                    hi[avoid]--;
                    changed = true;
                }
                if (lo[avoid] > hi[avoid]) {
                    return false;
                }
            }
            for (int e = 0; e < vars.size(); e++) {
                int[] v = vars.get(e);
                int[] c = coefs.get(e);
                long k = constants.get(e);
                long min = 0;
                long max = 0;
                for (int i = 0; i < v.length; i++) {
                    min += c[i] > 0 ? lo[v[i]] : -hi[v[i]];
                    max += c[i] > 0 ? hi[v[i]] : -lo[v[i]];
                }
                if (k < min || k > max) {
                    return false;
                }
                for (int i = 0; i < v.length; i++) {
                    int x = v[i];
                    long ownMin = c[i] > 0 ? lo[x] : -hi[x];
                    long ownMax = c[i] > 0 ? hi[x] : -lo[x];
                    // c * x lies in [k - (max - ownMax), k - (min - ownMin)]
                    long termLo = k - (max - ownMax);
                    long termHi = k - (min - ownMin);
                    long newLo = c[i] > 0 ? termLo : -termHi;
                    long newHi = c[i] > 0 ? termHi : -termLo;
                    if (newLo > lo[x]) {
                        lo[x] = newLo;
                        changed = true;
                    }
                    if (newHi < hi[x]) {
                        hi[x] = newHi;
                        changed = true;
                    }
                    if (lo[x] > hi[x]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
