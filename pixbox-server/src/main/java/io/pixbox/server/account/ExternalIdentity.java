package io.pixbox.server.account;

import java.util.Locale;
import java.util.Map;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Who a provider says has signed in: the registration it came through, its stable subject there, a name to start
 * from, and the email address the provider vouches for, if any.
 *
 * @param verifiedEmail lower-cased, or null when the provider gave none it has verified
 */
record ExternalIdentity(String provider, String subject, String preferredName, String verifiedEmail) {

    /**
     * Reads OpenID Connect's claim names ({@code preferred_username}, {@code email}, {@code email_verified}), under
     * which {@link GitHubUserService} puts GitHub's answers too. The subject is the user's name attribute: {@code sub}
     * for OpenID Connect, {@code id} for GitHub.
     */
    static ExternalIdentity of(String provider, OAuth2User user) {
        Map<String, Object> attributes = user.getAttributes();
        String email = text(attributes.get("email"));
        // Some providers send the flag as the string "true".
        boolean verified = email != null && "true".equals(String.valueOf(attributes.get("email_verified")));
        String name = text(attributes.get("preferred_username"));
        if (name == null) {
            name = email == null ? user.getName() : email.split("@", 2)[0];
        }
        return new ExternalIdentity(provider, user.getName(), name, verified ? email.toLowerCase(Locale.ROOT) : null);
    }

    /** The address the account gets: the verified one, else a placeholder that can never receive mail (RFC 2606). */
    String emailForAccount() {
        return verifiedEmail != null ? verifiedEmail : subject + "@" + provider + ".invalid";
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
