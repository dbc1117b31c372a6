package org.safecase.web.incident;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.safecase.web.incident.CaseCommands.body;

/**
 * The case: its state and timeline, and the forms that escalate, refer, tell the parents, add a note, close and
 * reopen it. Each form names the version the page showed, so a change someone made meanwhile is refused (412) and
 * the page says so; a rule of the policy that refuses a command is said in words in the error summary. The other
 * forms of the case page are sent by their own controllers: the people ({@link PeopleController}), evidence and
 * devices ({@link EvidenceController}), actions ({@link ActionsController}) and the record
 * ({@link RecordController}).
 */
@Controller
class CaseController {

    private static final CaseForm ESCALATE = new CaseForm("escalate", "escalations", "Incident escalated");
    private static final CaseForm POLICE = new CaseForm("police", "police-referrals", "Referral to the police recorded")
            .withFields(Map.of("referredAt", "referredAt-day"));
    private static final CaseForm REFER = new CaseForm("refer", "external-referrals", "Decision recorded")
            .withFields(Map.of("decidedAt", "decidedAt-day"));
    private static final CaseForm PARENTS = new CaseForm("parents", "parent-contacts",
            "Contact with the parents or carers recorded").withFields(Map.of("at", "at-day"));
    private static final CaseForm NOTE = new CaseForm("note", "notes", "Note added");
    private static final CaseForm CLOSE = new CaseForm("close", "closure", "Incident closed");
    private static final CaseForm REOPEN = new CaseForm("reopen", "reopening", "Incident reopened");

    private final CasePage page;
    private final CaseCommands commands;

    CaseController(CasePage page, CaseCommands commands) {
        this.page = page;
        this.commands = commands;
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
        return commands.perform(id, ESCALATE, answers, body(
                "to", answers.get("escalate-to"),
                "reason", answers.get("escalate-reason")), List.of(), model, redirect);
    }

    @PostMapping("/incidents/{id}/refer-to-police")
    String referToPolice(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                         RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, POLICE, answers, body(
                "force", answers.get("police-force"),
                "crimeReference", answers.get("police-crimeReference"),
                "referredAt", answers.dateTime("police-referredAt",
                        "Enter when the referral was made as a real date and time", errors).orElse(null),
                "notes", answers.get("police-notes")), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/record-referral")
    String recordReferral(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                          RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, REFER, answers, body(
                "agency", answers.get("refer-agency"),
                "decision", answers.get("refer-decision"),
                "rationale", answers.get("refer-rationale"),
                "reference", answers.get("refer-reference"),
                "decidedAt", answers.dateTime("refer-decidedAt", "Enter when it was decided as a real date and time",
                        errors).orElse(null)), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/record-parent-contact")
    String recordParentContact(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                               RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, PARENTS, answers, body(
                "subjectReference", answers.get("parents-subjectReference"),
                "decision", answers.get("parents-decision"),
                "at", answers.dateTime("parents-at",
                        "Enter when they were told, or it was decided, as a real date and time", errors).orElse(null),
                "method", answers.get("parents-method"),
                "rationale", answers.get("parents-rationale")), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/add-note")
    String addNote(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                   RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return commands.perform(id, NOTE, answers, body("text", answers.get("note-text")), List.of(), model, redirect);
    }

    @PostMapping("/incidents/{id}/close")
    String close(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                 RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return commands.perform(id, CLOSE, answers, body(
                "outcome", answers.get("close-outcome"),
                "summary", answers.get("close-summary")), List.of(), model, redirect);
    }

    @PostMapping("/incidents/{id}/reopen")
    String reopen(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                  RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return commands.perform(id, REOPEN, answers, body("reason", answers.get("reopen-reason")), List.of(), model,
                redirect);
    }
}
