package org.safecase.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;
import java.util.List;

/** What every page's frame shows: who is signed in, and the service navigation with the current page marked. */
@ControllerAdvice
class PageFrame {

    record NavigationItem(String label, String path, boolean current) {

        /** Built here: Thymeleaf reads a double underscore in an attribute as preprocessing. */
        public String itemClass() {
            return "govuk-service-navigation__item" + (current ? " govuk-service-navigation__item--active" : "");
        }
    }

    @ModelAttribute("signedInAs")
    String signedInAs(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return List.of(
                new NavigationItem("What needs me now", "/", path.equals("/")),
                new NavigationItem("Incident log", "/incidents",
                        path.startsWith("/incidents") && !path.equals("/incidents/new")
                                && !path.equals("/incidents/reported")),
                new NavigationItem("Report an incident", "/incidents/new",
                        path.equals("/incidents/new") || path.equals("/incidents/reported")),
                new NavigationItem("A child's file", "/child-file", path.equals("/child-file")),
                new NavigationItem("Statistics", "/statistics", path.equals("/statistics")),
                new NavigationItem("Data protection", "/data-protection", path.startsWith("/data-protection")));
    }
}
