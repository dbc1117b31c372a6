package org.safecase.web.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in's own pages in oidc mode: {@code /sign-in} (where every "sign in again" leads) goes to the identity
 * provider, and a sign-in that did not succeed is said so with a way to try again, never sent straight back.
 */
@Controller
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "oidc")
class OidcSignInPages {

    static final String FAILED = "/sign-in-failed";

    @GetMapping("/sign-in")
    String signIn() {
        return "redirect:/oauth2/authorization/" + OidcSignIn.REGISTRATION;
    }

    @GetMapping(FAILED)
    String signInFailed(@RequestParam(required = false) String reason, Model model) {
        model.addAttribute("reason", switch (reason == null ? "" : reason) {
            case "refused" -> "Safecase does not accept your account. Ask whoever looks after Safecase at your school"
                    + " to give your account a Safecase role and your school or trust";
            case "unavailable" -> "Safecase is not answering at the moment. Try again in a few minutes";
            default -> "Signing in did not finish. Try again";
        });
        return "sign-in-failed";
    }
}
