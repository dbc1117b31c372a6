package org.safecase.query.projection;

import java.util.regex.Pattern;

/**
 * The name of a generation's schema, checked before it is formatted into SQL. It never comes from
 * a request: only from the {@code projection_generation} table, through {@link ProjectionGenerations}.
 */
public final class ProjectionSchema {

    private static final Pattern GENERATION_SCHEMA = Pattern.compile("gen_[0-9]{1,9}");

    private ProjectionSchema() {
    }

    /** The schema name itself, if it is a generation schema; otherwise an exception. */
    public static String checked(String schema) {
        if (schema == null || !GENERATION_SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a projection generation schema: " + schema);
        }
        return schema;
    }

    static String of(int generation) {
        return checked("gen_" + generation);
    }
}
