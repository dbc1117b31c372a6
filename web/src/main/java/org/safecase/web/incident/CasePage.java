package org.safecase.web.incident;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.QueryService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.time.Clock;
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
            "parents", "parents-at");

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
     * The people in the incident as it stands, read from the command service's state of the incident; null for a
     * role that may read the case's log row but not its people (the service refuses, and the page leaves them out).
     */
    private List<CommandService.Subject> people(UUID id, long version) {
        try {
            return command.stateAt(id, version).subjects();
        } catch (ServiceProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            return null;
        }
    }

    private Answers prefilled(Answers answers, String sentForm) {
        DATE_TIMES.forEach((form, field) -> {
            if (!form.equals(sentForm)) {
                answers.withDateTime(field, clock.instant());
            }
        });
        return answers;
    }

    private String render(UUID id, Long minVersion, Answers answers, String openForm, List<PageError> errors,
                          Model model) {
        QueryService.Incident incident = query.incident(id, minVersion);
        QueryService.Timeline timeline = query.timeline(id, incident.version());
        model.addAttribute("incident", incident);
        model.addAttribute("people", people(id, incident.version()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("answers", answers);
        model.addAttribute("openForm", openForm);
        model.addAttribute("pageErrors", errors);
        return VIEW;
    }
}
