package org.safecase.command.category;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The incident categories as versioned reference data (R1). A school can replace the file; each
 * incident records the version in force when it was classified, so an edit never changes the rules an
 * existing incident is held to.
 */
@Component
public class CategoryCatalogue {

    private record Document(String version, List<Category> categories) {
    }

    private final String version;
    private final List<Category> categories;

    public CategoryCatalogue(@Value("${safecase.catalogue:classpath:catalogue/categories.json}") Resource resource,
                             JsonMapper jsonMapper) {
        try (InputStream in = resource.getInputStream()) {
            Document document = jsonMapper.readValue(in, Document.class);
            this.version = document.version();
            this.categories = List.copyOf(document.categories());
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

    public Optional<Category> find(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
