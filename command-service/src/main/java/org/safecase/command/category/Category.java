package org.safecase.command.category;

import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.Requirement;
import org.safecase.events.SubjectType;

import java.util.List;
import java.util.Set;

/**
 * One entry of the category catalogue: its classification, who it applies to, what must be on record to close,
 * and whether it is material of which no copy is ever taken (indecent images of children, R9).
 */
public record Category(String code, String name, Classification classification, Set<SubjectType> subjectTypes,
                       List<Requirement> requirements, List<String> sources, boolean noCopies) {

    public Category {
        subjectTypes = Set.copyOf(subjectTypes);
        requirements = List.copyOf(requirements);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public CategoryRef asRecordedIn(String catalogueVersion) {
        return new CategoryRef(code, name, classification, requirements, catalogueVersion);
    }
}
