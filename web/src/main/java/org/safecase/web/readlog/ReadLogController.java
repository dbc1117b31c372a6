package org.safecase.web.readlog;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.QueryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The read log, for auditors and the data protection officer: who read which case, when, and whether they were
 * allowed. The search is posted, never put in the address, because it may name a person by their reference; it is
 * recorded by the query service as a read about that person, like any other.
 */
@Controller
class ReadLogController {

    private static final int PAGE_SIZE = 25;
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private final QueryService query;

    ReadLogController(QueryService query) {
        this.query = query;
    }

    /** The newest reads of the trust, unfiltered. */
    @GetMapping("/read-log")
    String newest(Model model) {
        return search(Map.of(), model);
    }

    @PostMapping("/read-log")
    String search(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        UUID incident = parsed(answers.get("incident"), UUID::fromString, "incident",
                "Enter the incident's reference as it appears in its address, such as 3f2b0c1e-…", errors);
        String person = matching(answers.get("person"), REFERENCE, "person",
                "Enter the person's reference, such as a UPN, in letters, digits, dots and dashes", errors);
        String user = matching(answers.get("user"), USER_ID, "user", "Enter a user id, such as dsl.a", errors);
        LocalDate from = parsed(answers.get("from"), LocalDate::parse, "from",
                "Enter the first day as a real date, for example 2026-11-01", errors);
        LocalDate to = parsed(answers.get("to"), LocalDate::parse, "to",
                "Enter the last day as a real date, for example 2026-11-30", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(PageError.at("to", "The last day must be the same as or after the first day"));
        }
        int page = pageNumber(answers.get("page"));
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        if (errors.isEmpty()) {
            QueryService.ReadLog log = query.readLog(new QueryService.ReadLogFilter(incident, person, user, from, to,
                    page, PAGE_SIZE));
            model.addAttribute("log", log);
            model.addAttribute("previousPage", page > 0 ? page - 1 : null);
            model.addAttribute("nextPage", (long) (page + 1) * PAGE_SIZE < log.total() ? page + 1 : null);
        }
        return "read-log";
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parsed(String value, Parser<T> parser, String field, String message, List<PageError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.parse(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException invalid) {
            errors.add(PageError.at(field, message));
            return null;
        }
    }

    private static String matching(String value, Pattern pattern, String field, String message, List<PageError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value.trim()).matches()) {
            errors.add(PageError.at(field, message));
            return null;
        }
        return value.trim();
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 0 : Math.max(0, Math.min(Integer.parseInt(page), 100_000));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
