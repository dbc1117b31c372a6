package org.safecase.web.childfile;

import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.QueryService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A child's file: everything that happened to or about one person across the school's incidents, and their
 * sanctions. The person's reference is sent in the form's body, never in the address, so it stays out of
 * browser history, logs and referrers.
 */
@Controller
class ChildFileController {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final QueryService query;
    private final RefusalSentences sentences;

    ChildFileController(QueryService query, RefusalSentences sentences) {
        this.query = query;
        this.sentences = sentences;
    }

    @GetMapping("/child-file")
    String find(Model model) {
        model.addAttribute("pageErrors", List.of());
        return "child-file";
    }

    @PostMapping("/child-file")
    String file(@RequestParam(name = "child-reference", required = false) String reference, Model model) {
        String sought = reference == null ? "" : reference.trim();
        model.addAttribute("reference", sought);
        if (!REFERENCE.matcher(sought).matches()) {
            model.addAttribute("pageErrors", List.of(PageError.at("child-reference",
                    "Enter the school's reference for the person, such as a UPN, in letters, digits, dots and dashes")));
            return "child-file";
        }
        try {
            model.addAttribute("chronology", query.chronology(sought));
            model.addAttribute("sanctions", query.sanctions(sought));
            model.addAttribute("pageErrors", List.of());
        } catch (ServiceProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw problem;
            }
            model.addAttribute("pageErrors", problem.status() == 404
                    ? List.of(PageError.at("child-reference", "No incident of your school has a person with this reference"))
                    : sentences.of(problem, "child", Map.of()));
        }
        return "child-file";
    }
}
