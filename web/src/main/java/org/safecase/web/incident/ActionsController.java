package org.safecase.web.incident;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.safecase.web.incident.CaseCommands.body;

/** The case page's actions: one given to someone with a day it is due, and each open action marked done. */
@Controller
class ActionsController {

    private static final CaseForm ACTION = new CaseForm("action", "actions", "Action assigned")
            .withFields(Map.of("dueOn", "dueOn-day"));
    private static final CaseForm COMPLETE = new CaseForm("complete", "actions/{actionId}/completion", "Action done");

    private final CaseCommands commands;

    ActionsController(CaseCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/incidents/{id}/assign-action")
    String assign(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                  RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, ACTION, answers, body(
                "title", answers.get("action-title"),
                "owner", answers.get("action-owner"),
                "dueOn", answers.date("action-dueOn", "Enter when it is due as a real date", errors).orElse(null)),
                errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/actions/{actionId}/complete")
    String complete(@PathVariable UUID id, @PathVariable UUID actionId, @RequestParam Map<String, String> submitted,
                    Model model, RedirectAttributes redirect) {
        return commands.perform(id, COMPLETE, Answers.of(submitted), body(), List.of(), model, redirect, actionId);
    }
}
