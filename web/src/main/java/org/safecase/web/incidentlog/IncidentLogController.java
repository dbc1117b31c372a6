package org.safecase.web.incidentlog;

import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.QueryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The incident log: the incidents the user may read, newest reported first, filtered and paged by the query
 * service. The filters are codes and dates only, so the page's address carries no case data.
 */
@Controller
class IncidentLogController {

    static final int PAGE_SIZE = 20;
    private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED");
    private static final Set<String> CLASSIFICATIONS = Set.of("ILLEGAL", "SAFEGUARDING", "INAPPROPRIATE");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z0-9-]{1,40}");

    private final QueryService query;
    private final CommandService command;

    IncidentLogController(QueryService query, CommandService command) {
        this.query = query;
        this.command = command;
    }

    @GetMapping("/incidents")
    String log(@RequestParam(required = false) String status, @RequestParam(required = false) String classification,
               @RequestParam(required = false) String category, @RequestParam(required = false) String from,
               @RequestParam(required = false) String to, @RequestParam(required = false) String page, Model model) {
        List<PageError> errors = new ArrayList<>();
        String statusSought = oneOf(status, STATUSES);
        String classificationSought = oneOf(classification, CLASSIFICATIONS);
        String categorySought = blank(category) || !CATEGORY.matcher(category).matches() ? null : category;
        LocalDate fromDate = date(from, "from", "Enter the first date as a real date, for example 2026-09-01", errors);
        LocalDate toDate = date(to, "to", "Enter the last date as a real date, for example 2026-12-31", errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.add(PageError.at("to", "The last date must be the same as or after the first date"));
        }
        int pageNumber = pageNumber(page);

        model.addAttribute("filter", new Filter(statusSought, classificationSought, categorySought, from, to));
        model.addAttribute("categories", command.categories());
        model.addAttribute("pageErrors", errors);
        if (!errors.isEmpty()) {
            return "incident-log";
        }
        QueryService.IncidentLog log = query.log(new QueryService.LogFilter(statusSought, classificationSought,
                categorySought, fromDate, toDate, pageNumber, PAGE_SIZE));
        model.addAttribute("log", log);
        long pages = (log.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        model.addAttribute("pages", pages);
        model.addAttribute("previousPage", pageNumber > 0 ? pageLink(pageNumber - 1) : null);
        model.addAttribute("nextPage", pageNumber + 1 < pages ? pageLink(pageNumber + 1) : null);
        model.addAttribute("pageLinks", pageLinks(pageNumber, pages, IncidentLogController::pageLink));
        return "incident-log";
    }

    /** A numbered page link, or a gap (null number) where pages are left out. */
    record PageLink(Long number, String href, boolean current) {

        /** Built here: Thymeleaf reads a double underscore in an attribute as preprocessing. */
        public String itemClass() {
            return "govuk-pagination__item" + (number == null ? " govuk-pagination__item--ellipses"
                    : current ? " govuk-pagination__item--current" : "");
        }
    }

    /**
     * GOV.UK's pagination: the first and last pages, the current one and one either side, the rest as gaps.
     * Numbers as people count them (from 1); the service's pages count from 0.
     */
    static List<PageLink> pageLinks(int current, long pages, IntFunction<String> href) {
        List<PageLink> links = new ArrayList<>();
        if (pages < 2) {
            return links;
        }
        for (long page = 0; page < pages; page++) {
            boolean shown = page == 0 || page == pages - 1 || Math.abs(page - current) <= 1;
            if (shown) {
                links.add(new PageLink(page + 1, href.apply((int) page), page == current));
            } else if (links.isEmpty() || links.get(links.size() - 1).number() != null) {
                links.add(new PageLink(null, null, false));
            }
        }
        return links;
    }

    /** The filters as the form shows them back. */
    record Filter(String status, String classification, String category, String from, String to) {
    }

    private static String pageLink(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build()
                .toUriString();
    }

    private static String oneOf(String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String value, String field, String message, List<PageError> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException notADate) {
            errors.add(PageError.at(field, message));
            return null;
        }
    }

    private static int pageNumber(String page) {
        try {
            int number = page == null ? 0 : Integer.parseInt(page);
            return Math.max(0, Math.min(number, 100_000));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
