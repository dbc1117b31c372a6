package org.safecase.query.statistics;

/**
 * One published figure: a count, or {@code "c"} (confidential, DfE's symbol) where it is suppressed. A
 * suppressed figure does not carry its count, so it cannot leak into a response by mistake.
 */
public final class Figure {

    /** DfE's symbol for a confidential value (PEERS.md section 4.2). */
    public static final String SUPPRESSED_SYMBOL = "c";

    private static final Figure SUPPRESSED = new Figure(null);

    private final Long count;

    private Figure(Long count) {
        this.count = count;
    }

    public static Figure of(long count) {
        return new Figure(count);
    }

    public static Figure suppressed() {
        return SUPPRESSED;
    }

    public boolean isSuppressed() {
        return count == null;
    }

    /** The count; only for a figure that is not suppressed. */
    public long count() {
        if (count == null) {
            throw new IllegalStateException("a suppressed figure has no count");
        }
        return count;
    }

    /** What the API publishes: the count as a number, or the string {@code "c"}. */
    public Object published() {
        return count == null ? SUPPRESSED_SYMBOL : count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Figure figure && java.util.Objects.equals(count, figure.count);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(count);
    }

    @Override
    public String toString() {
        return String.valueOf(published());
    }
}
