package org.safecase.web.dataprotection;

import org.safecase.web.WebProperties;
import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A subject access request (UK GDPR article 15), for the data protection officer: the person's data across their
 * school's incidents, shown to be reviewed, then downloaded as the command service gave it, to be released once the
 * exemptions are applied. The person's reference is posted, never put in the address.
 */
@Controller
class SubjectAccessController {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final CommandService command;
    private final RefusalSentences sentences;
    private final WebProperties properties;
    private final Clock clock;

    SubjectAccessController(CommandService command, RefusalSentences sentences, WebProperties properties, Clock clock) {
        this.command = command;
        this.sentences = sentences;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/data-protection/subject-access")
    String request(Model model) {
        return page(Answers.none(), List.of(), null, model);
    }

    @PostMapping("/data-protection/subject-access")
    String export(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = errors(answers);
        if (!errors.isEmpty()) {
            return page(answers, errors, null, model);
        }
        try {
            return page(answers, List.of(), SubjectAccessExport.of(
                    command.subjectAccess(answers.get("sar-reference"), answers.get("sar-schoolId"))), model);
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            return page(answers, sentences.of(problem, "sar", Map.of("schoolId", "schoolId")), null, model);
        }
    }

    /** The export as the command service answered it, as a file: what the DPO releases after their review. */
    @PostMapping("/data-protection/subject-access/download")
    ResponseEntity<String> download(@RequestParam Map<String, String> submitted) {
        Answers answers = Answers.of(submitted);
        if (!errors(answers).isEmpty()) {
            // the button carries what the page was shown for: anything else was not sent by the page
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        JsonNode export = command.subjectAccess(answers.get("sar-reference"), answers.get("sar-schoolId"));
        String file = "subject-access-" + answers.get("sar-schoolId") + "-" + LocalDate.now(clock) + ".json";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(export.toPrettyString());
    }

    private List<PageError> errors(Answers answers) {
        List<PageError> errors = new ArrayList<>();
        String reference = answers.get("sar-reference");
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.add(PageError.at("sar-reference", "Enter the school's reference for the person, such as a UPN"));
        }
        if (properties.schools().stream().noneMatch(school -> school.id().equals(answers.get("sar-schoolId")))) {
            errors.add(PageError.at("sar-schoolId", "Select the person's school"));
        }
        return errors;
    }

    private String page(Answers answers, List<PageError> errors, SubjectAccessExport export, Model model) {
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        model.addAttribute("schools", properties.schools());
        model.addAttribute("export", export);
        return "subject-access";
    }
}
