package io.pixbox.server.account;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/** Why a browser sign-in through a provider failed: the stable code and the text the failure page is given. */
enum OAuthFailure {

    DENIED("oauth.denied", "You did not allow Pixbox to use your account at the provider."),
    BAD_STATE("oauth.bad_state", "This sign-in was not started in this browser, or it has expired: start it again."),
    PROVIDER_UNAVAILABLE("oauth.provider_unavailable",
            "The provider could not be reached or gave an answer Pixbox cannot use: try again later."),
    FAILED("oauth.failed", "Signing in through the provider failed: try again, or sign in with a password.");

    private final String code;
    private final String message;

    OAuthFailure(String code, String message) {
        this.code = code;
        this.message = message;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }

    /** Reads the OAuth2 error codes Spring Security reports for each way a sign-in can fail. */
    static OAuthFailure of(AuthenticationException exception) {
        if (!(exception instanceof OAuth2AuthenticationException oauth)) {
            return FAILED;
        }
        return switch (oauth.getError().getErrorCode()) {
            case OAuth2ErrorCodes.ACCESS_DENIED -> DENIED;
            // No authorization request in this session has that state (or none at all: another browser, expired).
            case "authorization_request_not_found", "invalid_state_parameter" -> BAD_STATE;
            // Raised without a cause only for a callback lacking its state or code; the provider's own
            // invalid_request comes wrapped around its answer.
            case OAuth2ErrorCodes.INVALID_REQUEST -> oauth.getCause() == null ? BAD_STATE : FAILED;
            // Spring's codes for a token or user-info endpoint that is down, errs, or answers something unreadable.
            case "invalid_token_response", "invalid_user_info_response", OAuth2ErrorCodes.SERVER_ERROR,
                 OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> PROVIDER_UNAVAILABLE;
            default -> FAILED;
        };
    }
}
