package org.safecase.platform.school;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Schools and the trusts or federations they belong to: reference data, loaded once. */
@Component
public class SchoolDirectory {

    public record School(String id, String name, String trustId) {
    }

    public record Trust(String id, String name) {
    }

    private record Document(List<Trust> trusts, List<School> schools) {
    }

    private final Map<String, School> schools;
    private final Map<String, Trust> trusts;

    public SchoolDirectory(@Value("${safecase.reference.schools:classpath:reference/schools.json}") Resource resource,
                           JsonMapper jsonMapper) {
        try (InputStream in = resource.getInputStream()) {
            Document document = jsonMapper.readValue(in, Document.class);
            this.schools = document.schools().stream().collect(Collectors.toUnmodifiableMap(School::id, Function.identity()));
            this.trusts = document.trusts().stream().collect(Collectors.toUnmodifiableMap(Trust::id, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the school directory " + resource, e);
        }
    }

    public Optional<School> school(String schoolId) {
        return Optional.ofNullable(schools.get(schoolId));
    }

    public boolean isKnownSchool(String schoolId) {
        return schools.containsKey(schoolId);
    }

    public boolean isKnownTrust(String trustId) {
        return trusts.containsKey(trustId);
    }

    public Optional<String> trustOf(String schoolId) {
        return school(schoolId).map(School::trustId);
    }

    public Set<String> allSchools() {
        return schools.keySet();
    }

    public Set<String> schoolsOfTrust(String trustId) {
        return schools.values().stream().filter(s -> trustId.equals(s.trustId())).map(School::id)
                .collect(Collectors.toUnmodifiableSet());
    }
}
