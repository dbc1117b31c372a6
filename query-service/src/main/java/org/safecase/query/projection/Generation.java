package org.safecase.query.projection;

/** One generation of the projections, in its own schema. */
public record Generation(int number, String schema, Status status) {

    public enum Status {
        /** Serves reads; the live consumer applies every new event to it. */
        ACTIVE,
        /** Being rebuilt from the start of the topic; the live consumer applies only the next event of each incident. */
        BUILDING,
        RETIRED,
        FAILED
    }

    public Generation {
        ProjectionSchema.checked(schema);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
