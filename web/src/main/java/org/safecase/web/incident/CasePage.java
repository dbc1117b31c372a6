package org.safecase.web.incident;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.Dates;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.QueryService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The case page's model: the incident as it stands, its timeline, and the forms to act on it, each prefilled, or
 * with what the user entered and why it was refused.
 */
@Component
class CasePage {

    static final String VIEW = "incident";

    /** Always offered as a sanction, whatever the matrix suggests: the policy's matrix suggests and never enforces. */
    private static final String OTHER_SANCTION = "OTHER";

    private final QueryService query;
    private final CommandService command;
    private final Clock clock;

    CasePage(QueryService query, CommandService command, Clock clock) {
        this.query = query;
        this.command = command;
        this.clock = clock;
    }

    /** The forms whose date and time are prefilled with now, and those fields. */
    private static final Map<String, String> DATE_TIMES = Map.of("police", "police-referredAt", "refer", "refer-decidedAt",
            "parents", "parents-at", "device", "device-seizedAt", "handover", "handover-at");

    /** The forms whose date is prefilled with today, and those fields. */
    private static final Map<String, String> DATES = Map.of("sanction", "sanction-startsOn",
            "support", "support-startsOn");

    /** The page as it is shown fresh: every date and time of a form is now. */
    String fresh(UUID id, Long minVersion, Model model) {
        return render(id, minVersion, prefilled(Answers.none(), null), null, List.of(), model);
    }

    /**
     * The page again after a refusal: the form that was sent stays open with its answers and the refusal in words;
     * the other forms are as fresh.
     */
    String refused(UUID id, String form, Answers answers, List<PageError> errors, Model model) {
        return render(id, null, prefilled(answers, form), form, errors, model);
    }

    /**
     * The incident as it stands, read from the command service's state of the incident (its people, actions and
     * devices); null for a role that may read the case's log row but not its content (the service refuses, and the
     * page leaves them out).
     */
    private CommandService.PastState state(UUID id, long version) {
        try {
            return command.stateAt(id, version);
        } catch (ServiceProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            return null;
        }
    }

    /**
     * The sanction types the policy's matrix suggests for the category and the people recorded in it (all of its
     * tables where the page cannot read them), and "another sanction".
     */
    private List<String> sanctionTypes(String category, List<CommandService.Subject> people) {
        List<String> types = new ArrayList<>();
        try {
            types.addAll(command.sanctionSuggestions(category).sanctionTypes(people == null ? null
                    : people.stream().map(CommandService.Subject::type).toList()));
        } catch (ServiceProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
        }
        types.remove(OTHER_SANCTION);
        types.add(OTHER_SANCTION);
        return types;
    }

    private Answers prefilled(Answers answers, String sentForm) {
        DATE_TIMES.forEach((form, field) -> {
            if (!form.equals(sentForm)) {
                answers.withDateTime(field, clock.instant());
            }
        });
        LocalDate today = LocalDate.now(clock.withZone(Dates.SCHOOLS));
        DATES.forEach((form, field) -> {
            if (!form.equals(sentForm)) {
                answers.withDate(field, today);
            }
        });
        return answers;
    }

    private String render(UUID id, Long minVersion, Answers answers, String openForm, List<PageError> errors,
                          Model model) {
        QueryService.Incident incident = query.incident(id, minVersion);
        QueryService.Timeline timeline = query.timeline(id, incident.version());
        CommandService.PastState state = state(id, incident.version());
        boolean open = "OPEN".equals(incident.status());
        List<CommandService.Subject> people = state == null ? null : state.subjects();
        model.addAttribute("incident", incident);
        model.addAttribute("people", people);
        model.addAttribute("openActions", state == null ? List.of() : state.openActions());
        model.addAttribute("devices", state == null || state.devices() == null ? List.of() : state.devices());
        model.addAttribute("devicesHeld", state == null ? List.of() : state.devicesHeld());
        model.addAttribute("sanctionTypes", open ? sanctionTypes(incident.category(), people) : List.of());
        List<CommandService.Category> categories = open ? command.categories() : List.of();
        model.addAttribute("otherCategories", categories.stream()
                .filter(category -> !category.code().equals(incident.category())).toList());
        // policy R9: no copy of the material of these categories is ever taken, so the evidence form warns first
        model.addAttribute("noCopies", categories.stream()
                .anyMatch(category -> category.code().equals(incident.category()) && category.noCopies()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("answers", answers);
        model.addAttribute("openForm", openForm);
        model.addAttribute("pageErrors", errors);
        return VIEW;
    }
}
