package io.pixbox.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a browser in to the site: the account is kept in the server-side session, which the browser knows only by
 * its HttpOnly, SameSite session cookie. The API never reads that session: it stays stateless, on bearer tokens.
 */
@Component
public class BrowserSessions {

    /** Where the site's security chain looks for the signed-in caller, and where signing in puts it. */
    static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    /** Starts a signed-in session for {@code account}, under a new session id so that no id chosen before survives. */
    public void signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(CallerAuthentication.of(account));
        SecurityContextHolder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }
}
