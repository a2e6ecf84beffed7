package io.pixbox.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Ends a browser sign-in through a provider on a configured page: signed in to the site's session, or with our tokens
 * in the URL fragment; a failure with a stable error code in the fragment. Browsers keep fragments out of requests
 * and {@code Referer}, so they reach no server's log.
 */
@Component
class OAuthLoginHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(OAuthLoginHandler.class);

    private final ExternalSignIn externalSignIn;
    private final SignIn signIn;
    private final BrowserSessions browserSessions;
    private final AccountProperties.OAuth pages;

    OAuthLoginHandler(ExternalSignIn externalSignIn, SignIn signIn, BrowserSessions browserSessions,
                      AccountProperties settings) {
        this.externalSignIn = externalSignIn;
        this.signIn = signIn;
        this.browserSessions = browserSessions;
        this.pages = settings.oauth();
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken signedIn = (OAuth2AuthenticationToken) authentication;
        // The session carried the provider's round trip only: whatever follows starts afresh.
        endSession(request);
        Account account;
        try {
            account = externalSignIn.signIn(ExternalIdentity.of(signedIn.getAuthorizedClientRegistrationId(),
                    signedIn.getPrincipal()));
        } catch (AccountException e) {
            fail(request, response, OAuthFailure.FAILED, e.getMessage());
            return;
        }
        if (pages.handOff() == AccountProperties.HandOff.SESSION) {
            browserSessions.signIn(account, request, response);
            response.sendRedirect(pages.successUrl());
            return;
        }
        SignIn.Session session = signIn.sessionFor(account);
        redirect(response, pages.successUrl(), "accessToken", session.accessToken(),
                "refreshToken", session.refreshToken(), "expiresIn", Long.toString(session.expiresIn()),
                "tokenType", session.tokenType());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        fail(request, response, OAuthFailure.of(exception), exception.getMessage());
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, OAuthFailure failure, String reason)
            throws IOException {
        // The path names the provider; the query, which holds the authorization code, stays out of the log.
        log.warn("Sign-in at {} failed with {}: {}", request.getRequestURI(), failure.code(), reason);
        redirect(response, pages.failureUrl(), "error", failure.code(), "message", failure.message());
    }

    /** Sends the browser to {@code page} with the name-value pairs in the fragment. */
    private static void redirect(HttpServletResponse response, String page, String... pairs) throws IOException {
        StringJoiner fragment = new StringJoiner("&", page + "#", "");
        for (int i = 0; i < pairs.length; i += 2) {
            // Form encoding, as URLSearchParams decodes it: new URLSearchParams(location.hash.slice(1)).
            fragment.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        response.sendRedirect(fragment.toString());
    }

    private static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
