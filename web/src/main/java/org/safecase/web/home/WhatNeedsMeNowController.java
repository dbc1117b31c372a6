package org.safecase.web.home;

import org.safecase.web.services.CommandService;
import org.safecase.web.services.QueryService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The first page after signing in: the duties falling due on the school's incidents (DSLs, head teachers and
 * the chair) and the actions the user owns. A list the user's role may not read is not shown: the query service
 * decides, as it does for every call.
 */
@Controller
class WhatNeedsMeNowController {

    private final QueryService query;
    private final CommandService command;

    WhatNeedsMeNowController(QueryService query, CommandService command) {
        this.query = query;
        this.command = command;
    }

    @GetMapping("/")
    String whatNeedsMeNow(Principal principal, Model model) {
        List<QueryService.Alert> alerts = readableOrNull(query::alerts);
        List<QueryService.Action> actions = readableOrNull(() -> query.actionsOf(principal.getName()));
        model.addAttribute("alerts", alerts);
        model.addAttribute("actions", actions);
        if (alerts != null && !alerts.isEmpty()) {
            model.addAttribute("categoryNames", command.categories().stream()
                    .collect(Collectors.toMap(CommandService.Category::code, CommandService.Category::name)));
        } else {
            model.addAttribute("categoryNames", Map.of());
        }
        return "what-needs-me-now";
    }

    /** The list, or null where the user's role may not read it (403). */
    private static <T> List<T> readableOrNull(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (ServiceProblem problem) {
            if (problem.status() == 403) {
                return null;
            }
            throw problem;
        }
    }
}
