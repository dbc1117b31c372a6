package org.safecase.web.incident;

import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The case: its state and timeline, and a form for each main command. Each form names the version the page
 * showed, so a change someone made meanwhile is refused (412) and the page says so; a rule of the policy that
 * refuses a command is said in words in the error summary.
 */
@Controller
class CaseController {

    private final CasePage page;
    private final CommandService command;
    private final RefusalSentences sentences;

    CaseController(CasePage page, CommandService command, RefusalSentences sentences) {
        this.page = page;
        this.command = command;
        this.sentences = sentences;
    }

    @GetMapping("/incidents/{id}")
    String show(@PathVariable UUID id, Model model) {
        // after a command, the version it answered (a flash attribute): the page waits until the query side shows it;
        // otherwise until the query side has the report, so a case just reported opens at once
        return page.fresh(id, model.getAttribute("minVersion") instanceof Long version ? version : 0L, model);
    }

    @PostMapping("/incidents/{id}/escalate")
    String escalate(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                    RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return perform(id, "escalate", "escalations", answers, body(
                "to", answers.get("escalate-to"),
                "reason", answers.get("escalate-reason")), List.of(), "Incident escalated", model, redirect);
    }

    @PostMapping("/incidents/{id}/refer-to-police")
    String referToPolice(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                         RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        Instant referredAt = answers.dateTime("police-referredAt",
                "Enter when the referral was made as a real date and time", errors).orElse(null);
        return perform(id, "police", "police-referrals", answers, body(
                "force", answers.get("police-force"),
                "crimeReference", answers.get("police-crimeReference"),
                "referredAt", referredAt == null ? null : referredAt.toString(),
                "notes", answers.get("police-notes")), errors, "Referral to the police recorded", model, redirect);
    }

    @PostMapping("/incidents/{id}/record-referral")
    String recordReferral(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                          RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        Instant decidedAt = answers.dateTime("refer-decidedAt", "Enter when it was decided as a real date and time",
                errors).orElse(null);
        return perform(id, "refer", "external-referrals", answers, body(
                "agency", answers.get("refer-agency"),
                "decision", answers.get("refer-decision"),
                "rationale", answers.get("refer-rationale"),
                "reference", answers.get("refer-reference"),
                "decidedAt", decidedAt == null ? null : decidedAt.toString()), errors, "Decision recorded", model,
                redirect);
    }

    @PostMapping("/incidents/{id}/record-parent-contact")
    String recordParentContact(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                               RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        Instant at = answers.dateTime("parents-at", "Enter when they were told, or it was decided, as a real date and time",
                errors).orElse(null);
        return perform(id, "parents", "parent-contacts", answers, body(
                "subjectReference", answers.get("parents-subjectReference"),
                "decision", answers.get("parents-decision"),
                "at", at == null ? null : at.toString(),
                "method", answers.get("parents-method"),
                "rationale", answers.get("parents-rationale")), errors, "Contact with the parents or carers recorded",
                model, redirect);
    }

    @PostMapping("/incidents/{id}/add-note")
    String addNote(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                   RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return perform(id, "note", "notes", answers, body("text", answers.get("note-text")), List.of(), "Note added",
                model, redirect);
    }

    @PostMapping("/incidents/{id}/close")
    String close(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                 RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return perform(id, "close", "closure", answers, body(
                "outcome", answers.get("close-outcome"),
                "summary", answers.get("close-summary")), List.of(), "Incident closed", model, redirect);
    }

    @PostMapping("/incidents/{id}/reopen")
    String reopen(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                  RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return perform(id, "reopen", "reopening", answers, body("reason", answers.get("reopen-reason")), List.of(),
                "Incident reopened", model, redirect);
    }

    /**
     * Sends the command as the signed-in user at the version the page showed; on success back to the case (once
     * the query side shows the change), on a refusal the case again with the refusal in words.
     */
    private String perform(UUID id, String form, String resource, Answers answers, Map<String, Object> body,
                           List<PageError> errors, String success, Model model, RedirectAttributes redirect) {
        if (!errors.isEmpty()) {
            return page.refused(id, form, answers, errors, model);
        }
        long version;
        try {
            version = Long.parseLong(answers.get("version"));
        } catch (NumberFormatException | NullPointerException noVersion) {
            return page.refused(id, form, answers, List.of(PageError.of(
                    "The page was out of date. Check the case below and try again")), model);
        }
        try {
            CommandService.Accepted accepted = command.command(id, resource, version, body);
            redirect.addFlashAttribute("success", success);
            redirect.addFlashAttribute("minVersion", accepted.version());
            return "redirect:/incidents/" + id;
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            return page.refused(id, form, answers, sentences.of(problem, form, Map.of()), model);
        }
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }
}
