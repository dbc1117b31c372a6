package org.safecase.command.category;

import org.safecase.events.Requirement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The incident categories as versioned reference data (R1). A school can replace the file; each
 * incident records the version in force when it was classified, so an edit never changes the rules an
 * existing incident is held to.
 */
@Component
public class CategoryCatalogue {

    /** What the catalogue asks of every allegation against staff, whatever its category (KCSIE part 4). */
    private record StaffAllegation(List<Requirement> requirements, List<String> sources) {
    }

    private record Document(String version, List<Category> categories, StaffAllegation staffAllegation) {
    }

    private final String version;
    private final List<Category> categories;
    private final List<Requirement> staffAllegationRequirements;
    private final Set<String> noCopyCategories;

    public CategoryCatalogue(@Value("${safecase.catalogue:classpath:catalogue/categories.json}") Resource resource,
                             JsonMapper jsonMapper) {
        try (InputStream in = resource.getInputStream()) {
            Document document = jsonMapper.readValue(in, Document.class);
            this.version = document.version();
            this.categories = List.copyOf(document.categories());
            this.staffAllegationRequirements = document.staffAllegation() == null ? List.of()
                    : List.copyOf(document.staffAllegation().requirements());
            this.noCopyCategories = categories.stream().filter(Category::noCopies).map(Category::code)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the category catalogue " + resource, e);
        }
    }

    public String version() {
        return version;
    }

    public List<Category> all() {
        return categories;
    }

    /** Required before an allegation against a member of staff closes, besides its category's requirements. */
    public List<Requirement> staffAllegationRequirements() {
        return staffAllegationRequirements;
    }

    /** The categories in which no copy of the material is ever taken or kept (R9). */
    public Set<String> noCopyCategories() {
        return noCopyCategories;
    }

    public Optional<Category> find(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
