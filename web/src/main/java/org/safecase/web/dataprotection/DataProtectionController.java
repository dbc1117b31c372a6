package org.safecase.web.dataprotection;

import org.safecase.web.WebProperties;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The data protection officer's pages: incidents whose retention is due, and for each a legal hold, its release
 * or disposal; the erasure of a person. Each of these is for good or stops what is for good, so each has a
 * confirmation step and needs its reason; the command service decides who may do it.
 */
@Controller
class DataProtectionController {

    /** The page's name of each incident action, the contract's resource, and the words the pages use. */
    enum IncidentAction {
        DISPOSE("disposal", "Dispose of this incident", "Every personal detail of the incident becomes unreadable for good. Its outline stays: category, dates, outcome and referrals.", "Incident disposed of"),
        HOLD("legal-hold", "Place a legal hold", "The incident cannot be disposed of while the hold is on.", "Legal hold placed"),
        RELEASE("legal-hold/release", "Release the legal hold", "The incident can be disposed of again once its retention is due.", "Legal hold released");

        final String resource;
        final String title;
        final String consequence;
        final String done;

        IncidentAction(String resource, String title, String consequence, String done) {
            this.resource = resource;
            this.title = title;
            this.consequence = consequence;
            this.done = done;
        }

        public String getTitle() {
            return title;
        }

        public String getConsequence() {
            return consequence;
        }

        public String getPath() {
            return name().toLowerCase(java.util.Locale.UK);
        }

        static IncidentAction of(String path) {
            for (IncidentAction action : values()) {
                if (action.getPath().equals(path)) {
                    return action;
                }
            }
            return null;
        }
    }

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final CommandService command;
    private final RefusalSentences sentences;
    private final WebProperties properties;
    private final Clock clock;

    DataProtectionController(CommandService command, RefusalSentences sentences, WebProperties properties, Clock clock) {
        this.command = command;
        this.sentences = sentences;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/data-protection")
    String retentionDue(@RequestParam(required = false) String asOf, Model model) {
        List<PageError> errors = new ArrayList<>();
        LocalDate day = LocalDate.now(clock);
        if (asOf != null && !asOf.isBlank()) {
            try {
                day = LocalDate.parse(asOf.trim());
            } catch (DateTimeParseException notADate) {
                errors.add(PageError.at("asOf", "Enter the date as a real date, for example 2027-08-31"));
            }
        }
        model.addAttribute("asOf", asOf == null || asOf.isBlank() ? day.toString() : asOf.trim());
        model.addAttribute("pageErrors", errors);
        if (errors.isEmpty()) {
            model.addAttribute("due", command.retentionDue(day));
        }
        return "data-protection";
    }

    @GetMapping("/data-protection/incidents/{id}/{action}")
    String confirmIncidentAction(@PathVariable UUID id, @PathVariable String action, Model model) {
        return confirmation(id, known(action), Answers.none(), List.of(), model);
    }

    @PostMapping("/data-protection/incidents/{id}/{action}")
    String incidentAction(@PathVariable UUID id, @PathVariable String action,
                          @RequestParam(name = "dp-reason", required = false) String reason, Model model,
                          RedirectAttributes redirect) {
        IncidentAction chosen = known(action);
        Answers answers = Answers.of(reason == null ? Map.of() : Map.of("dp-reason", reason));
        if (answers.get("dp-reason") == null) {
            return confirmation(id, chosen, answers, List.of(PageError.at("dp-reason", "Enter the reason")), model);
        }
        try {
            command.dataProtection(id, chosen.resource, answers.get("dp-reason"));
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 403 || problem.status() == 404) {
                throw problem;
            }
            return confirmation(id, chosen, answers, sentences.of(problem, "dp", Map.of("reason", "reason")), model);
        }
        redirect.addFlashAttribute("success", chosen.done);
        return "redirect:/data-protection";
    }

    @GetMapping("/data-protection/erasure")
    String erasureForm(Model model) {
        return erasure(Answers.none(), List.of(), model);
    }

    /** The check before erasing: what will happen, with the answers carried in the form, never in the address. */
    @PostMapping("/data-protection/erasure/check")
    String checkErasure(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = erasureErrors(answers);
        if (!errors.isEmpty()) {
            return erasure(answers, errors, model);
        }
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", List.of());
        return "erasure-check";
    }

    @PostMapping("/data-protection/erasure")
    String erase(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = erasureErrors(answers);
        if (!errors.isEmpty()) {
            return erasure(answers, errors, model);
        }
        try {
            int incidents = command.erase(answers.get("erase-reference"), answers.get("erase-schoolId"),
                    answers.get("erase-reason"));
            model.addAttribute("incidents", incidents);
            return "erased";
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            return erasure(answers, problem.status() == 404
                    ? List.of(PageError.at("erase-reference", "No incident of this school has a person with this reference"))
                    : sentences.of(problem, "erase", Map.of("schoolId", "schoolId", "reason", "reason")), model);
        }
    }

    private List<PageError> erasureErrors(Answers answers) {
        List<PageError> errors = new ArrayList<>();
        String reference = answers.get("erase-reference");
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.add(PageError.at("erase-reference", "Enter the school's reference for the person, such as a UPN"));
        }
        if (properties.schools().stream().noneMatch(school -> school.id().equals(answers.get("erase-schoolId")))) {
            errors.add(PageError.at("erase-schoolId", "Select the person's school"));
        }
        if (answers.get("erase-reason") == null) {
            errors.add(PageError.at("erase-reason", "Enter the reason for erasing, such as the request it answers"));
        }
        return errors;
    }

    private String erasure(Answers answers, List<PageError> errors, Model model) {
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        model.addAttribute("schools", properties.schools());
        return "erasure";
    }

    private String confirmation(UUID id, IncidentAction action, Answers answers, List<PageError> errors, Model model) {
        model.addAttribute("incidentId", id);
        model.addAttribute("action", action);
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        return "data-protection-confirm";
    }

    private static IncidentAction known(String path) {
        IncidentAction action = IncidentAction.of(path);
        if (action == null) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        return action;
    }
}
