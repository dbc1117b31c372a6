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

/** The case page's forms about the people of an incident: add or remove a person, a sanction, support. */
@Controller
class PeopleController {

    private static final CaseForm PERSON = new CaseForm("person", "subjects", "Person added")
            .withFields(Map.of("dateOfBirth", "dateOfBirth-day"));
    private static final CaseForm REMOVE = new CaseForm("remove", "subjects/{reference}/removal", "Person removed");
    private static final CaseForm SANCTION = new CaseForm("sanction", "sanctions", "Sanction recorded")
            .withFields(Map.of("startsOn", "startsOn-day", "endsOn", "endsOn-day"));
    private static final CaseForm SUPPORT = new CaseForm("support", "support", "Support recorded")
            .withFields(Map.of("startsOn", "startsOn-day"));

    private final CaseCommands commands;

    PeopleController(CaseCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/incidents/{id}/add-person")
    String addPerson(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                     RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, PERSON, answers, body(
                "type", answers.get("person-type"),
                "reference", answers.get("person-reference"),
                "involvement", answers.get("person-involvement"),
                "yearGroup", answers.get("person-yearGroup"),
                "dateOfBirth", answers.dateIfAnswered("person-dateOfBirth",
                        "Enter their date of birth as a real date, or leave it blank", errors).orElse(null)),
                errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/remove-person")
    String removePerson(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                        RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        String reference = answers.get("remove-reference");
        List<PageError> errors = new ArrayList<>();
        if (reference == null) {
            errors.add(PageError.at("remove-reference", "Select the person recorded by mistake"));
        }
        return commands.perform(id, REMOVE, answers, body("reason", answers.get("remove-reason")), errors, model,
                redirect, reference);
    }

    @PostMapping("/incidents/{id}/apply-sanction")
    String applySanction(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                         RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, SANCTION, answers, body(
                "subjectReference", answers.get("sanction-subjectReference"),
                "type", answers.get("sanction-type"),
                "startsOn", answers.date("sanction-startsOn", "Enter when it starts as a real date", errors)
                        .orElse(null),
                "endsOn", answers.dateIfAnswered("sanction-endsOn",
                        "Enter when it ends as a real date, or leave it blank", errors).orElse(null),
                "notes", answers.get("sanction-notes")), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/provide-support")
    String provideSupport(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                          RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, SUPPORT, answers, body(
                "subjectReference", answers.get("support-subjectReference"),
                "type", answers.get("support-type"),
                "startsOn", answers.date("support-startsOn", "Enter when it starts as a real date", errors)
                        .orElse(null),
                "notes", answers.get("support-notes")), errors, model, redirect);
    }
}
