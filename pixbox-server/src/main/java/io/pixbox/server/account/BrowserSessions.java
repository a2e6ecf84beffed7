package io.pixbox.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a browser in to the site: the account is kept in the server-side session, which the browser knows only by
 * its HttpOnly, SameSite session cookie. The API never reads that session: it stays stateless, on bearer tokens.
 */
@Component
public class BrowserSessions {

    /** Where the site's security chain looks for the signed-in caller, and where signing in puts it. */
    static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();
    /** The store of the site chain's CSRF tokens: Spring Security's default, in the session. */
    private static final CsrfTokenRepository CSRF_TOKENS = new HttpSessionCsrfTokenRepository();

    /** Starts a signed-in session for {@code account}, under a new session id so that no id chosen before survives. */
    public void signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
            // A token handed out before signing in is not one to keep after it; the next page gets a new one.
            CSRF_TOKENS.saveToken(null, request, response);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(CallerAuthentication.of(account));
        SecurityContextHolder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }
}
