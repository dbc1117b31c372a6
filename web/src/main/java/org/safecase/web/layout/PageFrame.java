package org.safecase.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import java.security.Principal;
import java.util.List;

/** What every page's frame shows: who is signed in, and the service navigation for their role with the current page marked. */
@ControllerAdvice
public class PageFrame {

    private final Navigation navigation;

    PageFrame(Navigation navigation) {
        this.navigation = navigation;
    }

    /** The frame of a page an exception handler renders: model attributes do not reach those. */
    public void addTo(ModelAndView page, HttpServletRequest request, Principal principal) {
        page.addObject("signedInAs", signedInAs(principal));
        page.addObject("navigation", navigation(request, principal));
    }

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
    List<NavigationItem> navigation(HttpServletRequest request, Principal principal) {
        return principal == null ? List.of() : navigation.itemsFor(request, principal);
    }
}
