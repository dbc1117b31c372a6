package org.safecase.web.incident;

import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one way a case form is sent: the command as the signed-in user at the version the page showed; on success
 * back to the case (once the query side shows the change), on a refusal the case again, the form open with its
 * answers and the refusal in words.
 */
@Component
class CaseCommands {

    private final CasePage page;
    private final CommandService command;
    private final RefusalSentences sentences;

    CaseCommands(CasePage page, CommandService command, RefusalSentences sentences) {
        this.page = page;
        this.command = command;
        this.sentences = sentences;
    }

    /**
     * @param errors    what the web itself found wrong with the answers (a date that is not a real date): the
     *                  command is then not sent
     * @param variables the values of the resource's template variables, in order
     */
    String perform(UUID id, CaseForm form, Answers answers, Map<String, Object> body, List<PageError> errors,
                   Model model, RedirectAttributes redirect, Object... variables) {
        if (!errors.isEmpty()) {
            return page.refused(id, form.name(), answers, errors, model);
        }
        long version;
        try {
            version = Long.parseLong(answers.get("version"));
        } catch (NumberFormatException | NullPointerException noVersion) {
            return page.refused(id, form.name(), answers, List.of(PageError.of(
                    "The page was out of date. Check the case below and try again")), model);
        }
        try {
            CommandService.Accepted accepted = command.command(id, form.resource(), version, body, variables);
            redirect.addFlashAttribute("success", form.success());
            redirect.addFlashAttribute("minVersion", accepted.version());
            return "redirect:/incidents/" + id;
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || noSuchIncident(problem)) {
                throw problem;
            }
            return page.refused(id, form.name(), answers, sentences.of(problem, form.name(), form.fields()), model);
        }
    }

    /** A 404 about the incident itself is the not-found page; one about a part of it (an action, a device) is said in the form. */
    private static boolean noSuchIncident(ServiceProblem problem) {
        return problem.status() == 404 && (problem.rule() == null || "INCIDENT_NOT_FOUND".equals(problem.rule()));
    }

    /** A command's body from names and values; a value not given is left out. */
    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1].toString());
            }
        }
        return body;
    }
}
