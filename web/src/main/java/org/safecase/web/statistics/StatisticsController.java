package org.safecase.web.statistics;

import org.safecase.web.WebProperties;
import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.QueryService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The governors' figures: anonymised counts of a school or a trust, a small count shown as "c" and said in words.
 * Whose figures a user may read is the query service's rule: a refusal is said in the error summary.
 */
@Controller
class StatisticsController {

    private final QueryService query;
    private final CommandService command;
    private final WebProperties properties;
    private final RefusalSentences sentences;

    StatisticsController(QueryService query, CommandService command, WebProperties properties,
                         RefusalSentences sentences) {
        this.query = query;
        this.command = command;
        this.properties = properties;
        this.sentences = sentences;
    }

    @GetMapping("/statistics")
    String statistics(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        String chosen = answers.get("scope");
        boolean trust = properties.trusts().stream().anyMatch(t -> t.id().equals(chosen));
        boolean school = properties.schools().stream().anyMatch(s -> s.id().equals(chosen));
        List<PageError> errors = new ArrayList<>();
        YearMonth from = answers.monthIfAnswered("statistics-from", "Enter the first month as a month and year, for example 9 2026",
                errors).orElse(null);
        YearMonth to = answers.monthIfAnswered("statistics-to", "Enter the last month as a month and year, for example 7 2027",
                errors).orElse(null);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(PageError.at("statistics-to-month", "The last month must be the same as or after the first month"));
        }
        model.addAttribute("schools", properties.schools());
        model.addAttribute("trusts", properties.trusts());
        model.addAttribute("scope", chosen);
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        if ((!trust && !school) || !errors.isEmpty()) {
            return "statistics";
        }
        try {
            QueryService.Statistics figures = query.statistics(school ? chosen : null, trust ? chosen : null, from, to);
            model.addAttribute("figures", figures);
            model.addAttribute("categoryNames", command.categories().stream()
                    .collect(Collectors.toMap(CommandService.Category::code, CommandService.Category::name)));
        } catch (ServiceProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("pageErrors", sentences.of(problem, "statistics", Map.of("from", "from-month",
                    "to", "to-month")));
        }
        return "statistics";
    }
}
