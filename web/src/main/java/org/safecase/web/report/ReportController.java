package org.safecase.web.report;

import org.safecase.web.WebProperties;
import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Report an incident: what happened, when, where, and one person in it by the school's reference (never a name).
 * The form carries a key made when it was shown, so pressing the button twice reports one incident.
 */
@Controller
class ReportController {

    /** The service's names of the report's fields, mapped to the form's. */
    private static final Map<String, String> FIELDS = Map.of(
            "subjects", "subjectReference",
            "subjects[0].type", "subjectType",
            "subjects[0].reference", "subjectReference",
            "subjects[0].involvement", "involvement",
            "occurredAt", "occurredAt-day");

    private final CommandService command;
    private final RefusalSentences sentences;
    private final WebProperties properties;
    private final Clock clock;

    ReportController(CommandService command, RefusalSentences sentences, WebProperties properties, Clock clock) {
        this.command = command;
        this.sentences = sentences;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/incidents/new")
    String form(Model model) {
        Answers answers = Answers.none().with("report-requestKey", UUID.randomUUID().toString())
                .withDateTime("report-occurredAt", clock.instant());
        if (properties.schools().size() == 1) {
            answers.with("report-schoolId", properties.schools().get(0).id());
        }
        return page(model, answers, List.of());
    }

    @PostMapping("/incidents/new")
    String report(@RequestParam Map<String, String> submitted, Model model, RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        Optional<java.time.Instant> occurredAt = answers.dateTime("report-occurredAt",
                "Enter the date and time it happened as a real date and time, for example 27 11 2026 and 09:30", errors);
        String requestKey = answers.get("report-requestKey");
        if (requestKey == null || !requestKey.matches("[0-9a-f-]{36}")) {
            requestKey = UUID.randomUUID().toString();
            answers.with("report-requestKey", requestKey);
        }
        if (!errors.isEmpty()) {
            return page(model, answers, errors);
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", answers.get("report-subjectType"));
        subject.put("reference", answers.get("report-subjectReference"));
        subject.put("involvement", answers.get("report-involvement"));
        subject.put("yearGroup", answers.get("report-yearGroup"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", answers.get("report-schoolId"));
        body.put("category", answers.get("report-category"));
        body.put("occurredAt", occurredAt.orElseThrow().toString());
        body.put("summary", answers.get("report-summary"));
        body.put("offSite", answers.is("report-offSite", "true"));
        body.put("subjects", List.of(subject));
        try {
            CommandService.Accepted accepted = command.report(body, requestKey);
            redirect.addFlashAttribute("reported", accepted.incidentId());
            return "redirect:/incidents/reported";
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            return page(model, answers, sentences.of(problem, "report", FIELDS));
        }
    }

    /**
     * The confirmation after a report: a member of staff who reported may not read the case, so this page, not the
     * case, says it is recorded and what happens next; the designated lead goes on to the case from here.
     */
    @GetMapping("/incidents/reported")
    String reported(Model model) {
        if (!model.containsAttribute("reported")) {
            return "redirect:/incidents/new";
        }
        return "reported";
    }

    private String page(Model model, Answers answers, List<PageError> errors) {
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        model.addAttribute("categories", command.categories());
        model.addAttribute("schools", properties.schools());
        return "report";
    }
}
