package org.safecase.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The service navigation a signed-in user is offered: the pages their role may use, as the services' access rules
 * say (platform's {@code AccessRules}). Only what is offered: every page still asks the services, which decide
 * every call, so a hand-typed address of a page the role may not use shows "You cannot see this page".
 */
@Component
class Navigation {

    record Item(String label, String path, Set<String> roles, Predicate<String> current) {
    }

    private static final Set<String> EVERYONE = Set.of();

    /** In the order a user works: what is due, the cases, reporting, a child, the figures, the record's upkeep. */
    private static final List<Item> ITEMS = List.of(
            new Item("What needs me now", "/", EVERYONE, path -> path.equals("/")),
            new Item("Incident log", "/incidents",
                    Set.of("DSL", "HEAD_TEACHER", "INTEGRATION", "AUDITOR", "CHAIR_OF_GOVERNORS"),
                    path -> path.startsWith("/incidents") && !path.equals("/incidents/new")
                            && !path.equals("/incidents/reported")),
            new Item("Report an incident", "/incidents/new",
                    Set.of("STAFF", "DSL", "HEAD_TEACHER", "INTEGRATION", "CHAIR_OF_GOVERNORS"),
                    path -> path.equals("/incidents/new") || path.equals("/incidents/reported")),
            new Item("A child's file", "/child-file", Set.of("DSL", "HEAD_TEACHER", "AUDITOR", "CHAIR_OF_GOVERNORS"),
                    path -> path.equals("/child-file")),
            new Item("Statistics", "/statistics", Set.of("GOVERNOR", "DSL", "HEAD_TEACHER", "AUDITOR"),
                    path -> path.equals("/statistics")),
            new Item("Read log", "/read-log", Set.of("AUDITOR", "DPO"), path -> path.equals("/read-log")),
            new Item("Integrity log", "/audit/checkpoints", Set.of("AUDITOR"), path -> path.startsWith("/audit")),
            new Item("Data protection", "/data-protection", Set.of("DPO"), path -> path.startsWith("/data-protection")));

    private static final String SESSION_ATTRIBUTE = Navigation.class.getName() + ".me";

    private final CommandService command;

    Navigation(CommandService command) {
        this.command = command;
    }

    /** The items for the signed-in user's role; every item when the role cannot be learned (the services decide). */
    List<PageFrame.NavigationItem> itemsFor(HttpServletRequest request, Principal principal) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> role = roleOf(request, principal);
        return ITEMS.stream()
                .filter(item -> item.roles() == EVERYONE || role.map(item.roles()::contains).orElse(true))
                .map(item -> new PageFrame.NavigationItem(item.label(), item.path(), item.current().test(path)))
                .toList();
    }

    /**
     * The role the command service resolved for this user ({@code GET /api/v1/me}), asked once per session and kept
     * with the user id it was asked for, so that a session can never show another user's navigation.
     */
    private Optional<String> roleOf(HttpServletRequest request, Principal principal) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        if (session.getAttribute(SESSION_ATTRIBUTE) instanceof Known known && known.principal().equals(principal.getName())) {
            return Optional.of(known.role());
        }
        try {
            CommandService.Me me = command.me();
            if (me == null || me.role() == null) {
                return Optional.empty();
            }
            session.setAttribute(SESSION_ATTRIBUTE, new Known(principal.getName(), me.role()));
            return Optional.of(me.role());
        } catch (ServiceProblem | RestClientException unknown) {
            return Optional.empty();
        }
    }

    /** Serializable, as a session attribute must be. */
    private record Known(String principal, String role) implements java.io.Serializable {
    }
}
