package io.pixbox.server.account.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Account;
import io.pixbox.server.account.AccountException;
import io.pixbox.server.account.BrowserSessions;
import io.pixbox.server.account.Registration;
import io.pixbox.server.account.SignIn;
import io.pixbox.server.account.SignInProviders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in and registration pages. A browser signed in here holds a session cookie, not tokens; it comes back to
 * the page that sent it here. Signing out is Spring Security's {@code POST /signout}.
 */
@Controller
@ConditionalOnRole(Role.API)
class SignInPages {

    private final SignIn signIn;
    private final Registration registration;
    private final BrowserSessions sessions;
    private final SignInProviders providers;
    private final RequestCache savedPages = new HttpSessionRequestCache();

    SignInPages(SignIn signIn, Registration registration, BrowserSessions sessions, SignInProviders providers) {
        this.signIn = signIn;
        this.registration = registration;
        this.sessions = sessions;
        this.providers = providers;
    }

    @GetMapping("/signin")
    String signInPage(Model model, @RequestParam(required = false) String expired) {
        if (expired != null) {
            model.addAttribute("error", "That form had expired, or your session had ended. Please sign in again.");
        }
        return signInForm(model, "");
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            Account account = signIn.authenticate(username, password, request.getRemoteAddr());
            return signedIn(account, request, response);
        } catch (AccountException e) {
            response.setStatus(status(e).value());
            if (e.kind() == AccountException.Kind.THROTTLED) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            model.addAttribute("error", sentence(e.getMessage()));
            return signInForm(model, username);
        }
    }

    @GetMapping("/register")
    String registerPage(Model model) {
        return registerForm(model, "", "");
    }

    @PostMapping("/register")
    String register(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String email,
                    @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        try {
            return signedIn(registration.register(username, email, password), request, response);
        } catch (AccountException e) {
            response.setStatus(status(e).value());
            model.addAttribute("error", sentence(e.getMessage()));
            return registerForm(model, username, email);
        }
    }

    private String signedIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = savedPages.getRequest(request, response);
        savedPages.removeRequest(request, response);
        sessions.signIn(account, request, response);
        // Only a page of this site was saved: the cache keeps the URL of a request made here.
        return "redirect:" + (saved == null ? "/" : saved.getRedirectUrl());
    }

    private String signInForm(Model model, String username) {
        model.addAttribute("username", username);
        model.addAttribute("providers", providers.all());
        return "account/signin";
    }

    private String registerForm(Model model, String username, String email) {
        model.addAttribute("username", username);
        model.addAttribute("email", email);
        model.addAttribute("providers", providers.all());
        return "account/register";
    }

    private static HttpStatus status(AccountException e) {
        return switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case CONFLICT -> HttpStatus.CONFLICT;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    /** "password: too short" as "Password: too short." for a person to read. */
    private static String sentence(String message) {
        String text = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
