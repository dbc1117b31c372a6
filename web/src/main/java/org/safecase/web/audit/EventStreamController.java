package org.safecase.web.audit;

import org.safecase.web.errors.RefusalSentences;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For auditors: an incident's whole event stream with its hash chain verified by the command service, and the
 * incident as it stood after any version. The service decides who may read it (auditors).
 */
@Controller
class EventStreamController {

    private final CommandService command;
    private final RefusalSentences sentences;

    EventStreamController(CommandService command, RefusalSentences sentences) {
        this.command = command;
        this.sentences = sentences;
    }

    @GetMapping("/incidents/{id}/events")
    String events(@PathVariable UUID id, @RequestParam(required = false) String atVersion, Model model) {
        List<CommandService.StoredEvent> events = command.events(id);
        model.addAttribute("incidentId", id);
        model.addAttribute("events", events);
        model.addAttribute("verification", command.verification(id));
        model.addAttribute("pageErrors", List.of());
        Long version = version(atVersion, events.size());
        model.addAttribute("atVersion", version);
        if (version != null) {
            try {
                model.addAttribute("pastState", command.stateAt(id, version));
            } catch (ServiceProblem problem) {
                if (problem.status() == 401 || problem.status() == 403 || problem.status() == 404) {
                    throw problem;
                }
                model.addAttribute("pageErrors", sentences.of(problem, "state", Map.of()));
            }
        }
        return "event-stream";
    }

    private static Long version(String atVersion, int events) {
        try {
            long version = Long.parseLong(atVersion);
            return version >= 0 && version < events ? version : null;
        } catch (NumberFormatException noVersion) {
            return null;
        }
    }
}
