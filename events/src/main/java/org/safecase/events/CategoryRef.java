package org.safecase.events;

import java.util.List;

/**
 * A category as it stood in the catalogue version in force when the incident was classified (R1):
 * later catalogue edits never change the rules an existing incident was held to.
 */
public record CategoryRef(String code, String name, Classification classification, List<Requirement> requirements,
                          String catalogueVersion) {

    public CategoryRef {
        requirements = List.copyOf(requirements);
    }
}
