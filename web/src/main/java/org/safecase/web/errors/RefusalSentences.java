package org.safecase.web.errors;

import org.safecase.web.layout.PageError;
import org.safecase.web.services.ServiceProblem;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's refusal in words for the error summary: each rule of the policy and each missing requirement as a
 * sentence saying what is missing (messages.properties, {@code rule.<CODE>}), each invalid field as what to
 * enter, linked to the form's field. The code alone is never all a user sees.
 */
@Component
public class RefusalSentences {

    private final MessageSource messages;

    RefusalSentences(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param form   the form's name, which prefixes its fields' ids ({@code close-summary}) and their messages
     *               ({@code field.close.summary})
     * @param fields the service's field names mapped to the form's, where they differ
     */
    public List<PageError> of(ServiceProblem problem, String form, Map<String, String> fields) {
        List<PageError> errors = new ArrayList<>();
        if (problem.staleVersion()) {
            errors.add(PageError.of(sentence(form, "STALE_VERSION")));
            return errors;
        }
        for (String requirement : problem.unmetRequirements()) {
            errors.add(PageError.of(sentence(form, requirement)));
        }
        for (ServiceProblem.FieldProblem field : problem.fieldProblems()) {
            String name = fields.getOrDefault(field.field(), field.field());
            String text = fieldRule(form, problem.rule());
            if (text == null) {
                text = messages.getMessage("field." + form + "." + name, null, null, Locale.UK);
            }
            errors.add(PageError.at(form + "-" + name, text != null ? text
                    : messages.getMessage("field.unknown", new Object[]{name}, Locale.UK)));
        }
        if (errors.isEmpty() && problem.rule() != null) {
            errors.add(PageError.of(sentence(form, problem.rule())));
        }
        if (errors.isEmpty()) {
            errors.add(PageError.of(messages.getMessage("status." + problem.status(), null,
                    messages.getMessage("status.other", null, Locale.UK), Locale.UK)));
        }
        return errors;
    }

    /**
     * A rule that refused one field ({@code DUE_DATE_IN_THE_PAST}) says more than the field's general words, if
     * there are words for it; a plain validation failure has none.
     */
    private String fieldRule(String form, String code) {
        if (code == null || "VALIDATION_FAILED".equals(code)) {
            return null;
        }
        String general = messages.getMessage("rule." + code, null, null, Locale.UK);
        return messages.getMessage("rule." + form + "." + code, null, general, Locale.UK);
    }

    /** The form's own words for the rule ({@code rule.<form>.<CODE>}), else the rule's ({@code rule.<CODE>}). */
    private String sentence(String form, String code) {
        String general = messages.getMessage("rule." + code, null,
                messages.getMessage("rule.unknown", new Object[]{code}, Locale.UK), Locale.UK);
        return messages.getMessage("rule." + form + "." + code, null, general, Locale.UK);
    }
}
