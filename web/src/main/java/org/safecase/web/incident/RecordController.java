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

/** The case page's changes to the record itself: a correction of the report (R20) and a change of category. */
@Controller
class RecordController {

    private static final CaseForm CORRECT = new CaseForm("correct", "corrections", "Report corrected");
    private static final CaseForm RECLASSIFY = new CaseForm("reclassify", "reclassification", "Category changed");

    private final CaseCommands commands;

    RecordController(CaseCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/incidents/{id}/correct")
    String correct(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                   RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        String choice = answers.get("correct-field");
        String field = null;
        String value = null;
        // the form's field that answers the new value, for the service's refusal of it
        String valueField = "field";
        switch (choice == null ? "" : choice) {
            case "summary" -> {
                field = "summary";
                value = answers.get("correct-summary");
                valueField = "summary";
                if (value == null) {
                    errors.add(PageError.at("correct-summary", "Enter the corrected summary"));
                }
            }
            case "occurredAt" -> {
                field = "occurredAt";
                value = answers.dateTime("correct-occurredAt", "Enter when it happened as a real date and time",
                        errors).map(Object::toString).orElse(null);
                valueField = "occurredAt-day";
            }
            case "offSite-true", "offSite-false" -> {
                field = "offSite";
                value = Boolean.toString(choice.equals("offSite-true"));
            }
            default -> errors.add(PageError.at("correct-field", "Select what to correct"));
        }
        return commands.perform(id, CORRECT.withFields(Map.of("value", valueField)), answers, body(
                "field", field,
                "value", value,
                "reason", answers.get("correct-reason")), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/reclassify")
    String reclassify(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                      RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        return commands.perform(id, RECLASSIFY, answers, body(
                "category", answers.get("reclassify-category"),
                "reason", answers.get("reclassify-reason")), List.of(), model, redirect);
    }
}
