package org.safecase.web.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page of the form sign-in (Spring Security checks the form it posts). */
@Controller
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "form", matchIfMissing = true)
class SignInController {

    @GetMapping("/sign-in")
    String signIn(@RequestParam(required = false) String error, Model model) {
        if ("credentials".equals(error)) {
            model.addAttribute("signInError", "Enter a username and password that are right for Safecase");
        } else if ("expired".equals(error)) {
            model.addAttribute("signInError", "You were signed out because you did nothing for 30 minutes."
                    + " Sign in again: what you entered was not saved");
        } else if ("unavailable".equals(error)) {
            model.addAttribute("signInError", "Safecase is not answering at the moment. Try again in a few minutes");
        }
        return "sign-in";
    }
}
