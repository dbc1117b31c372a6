package org.safecase.command.retention;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * The retention rules as reference data, like the category catalogue: a trust's DPO can replace the
 * file. Of the rules that apply to an incident, the one with the latest date gives it; the last rule
 * applies to all and counts only when no other applies.
 */
@Component
public class RetentionRules {

    /** The rule an incident falls under, and the date its retention ends. */
    public record Due(String rule, LocalDate dueOn) {
    }

    private record Document(String version, List<RetentionRule> rules) {
    }

    private final String version;
    private final List<RetentionRule> rules;

    RetentionRules(@Value("${safecase.retention.rules:classpath:retention/rules.json}") Resource resource,
                   JsonMapper jsonMapper) {
        try (InputStream in = resource.getInputStream()) {
            Document document = jsonMapper.readValue(in, Document.class);
            this.version = document.version();
            this.rules = List.copyOf(document.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retention rules " + resource, e);
        }
        RetentionRule last = rules.get(rules.size() - 1);
        if (last.when().allegationAgainstStaff() != null || last.when().classifications() != null
                || last.when().pupilInvolved() != null) {
            throw new IllegalStateException("the last retention rule must apply to every incident: " + last.code());
        }
    }

    String version() {
        return version;
    }

    List<RetentionRule> all() {
        return rules;
    }

    /**
     * Of the rules that apply to the incident (the last, general one only when no other does), the one
     * that keeps it longest: an allegation against staff that is also a pupil's child-protection record
     * is kept as long as the longer of the two requires.
     */
    Due dueOf(RetentionFacts incident) {
        List<RetentionRule> specific = rules.subList(0, rules.size() - 1).stream().filter(r -> r.appliesTo(incident))
                .toList();
        List<RetentionRule> applicable = specific.isEmpty() ? List.of(rules.get(rules.size() - 1)) : specific;
        return applicable.stream().map(rule -> new Due(rule.code(), rule.dueOn(incident)))
                .max(java.util.Comparator.comparing(Due::dueOn)).orElseThrow();
    }
}
