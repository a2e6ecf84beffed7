package io.pixbox.server.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Loads the user of a plain OAuth2 registration, which Pixbox reads as GitHub's: the profile from the user-info
 * endpoint, with {@code login} as {@code preferred_username} and the primary verified address from
 * {@code <user-info-uri>/emails} as a verified {@code email}, so that {@link ExternalIdentity} reads both kinds alike.
 */
final class GitHubUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DefaultOAuth2UserService profiles = new DefaultOAuth2UserService();
    private final RestClient http = RestClient.builder()
            .requestFactory(timingOut(HttpClient.newBuilder().connectTimeout(TIMEOUT).build()))
            .build();

    /** One entry of GitHub's {@code GET /user/emails}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Email(String email, boolean primary, boolean verified) {
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        OAuth2User profile = profiles.loadUser(request);
        Map<String, Object> attributes = new HashMap<>(profile.getAttributes());
        // The profile's email is whatever the user chose to show, never proven theirs; /user/emails says which are.
        attributes.remove("email");
        if (attributes.get("login") != null) {
            attributes.put("preferred_username", attributes.get("login"));
        }
        primaryVerifiedEmail(request).ifPresent(email -> {
            attributes.put("email", email);
            attributes.put("email_verified", true);
        });
        ClientRegistration.ProviderDetails provider = request.getClientRegistration().getProviderDetails();
        return new DefaultOAuth2User(profile.getAuthorities(), attributes,
                provider.getUserInfoEndpoint().getUserNameAttributeName());
    }

    private Optional<String> primaryVerifiedEmail(OAuth2UserRequest request) {
        if (!granted(request.getAccessToken(), "user:email")) {
            return Optional.empty();
        }
        String uri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri() + "/emails";
        try {
            List<Email> emails = http.get().uri(uri).accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> headers.setBearerAuth(request.getAccessToken().getTokenValue()))
                    .retrieve().body(new ParameterizedTypeReference<List<Email>>() { });
            return emails == null ? Optional.empty()
                    : emails.stream().filter(email -> email.primary() && email.verified()).map(Email::email).findFirst();
        } catch (RestClientException e) {
            // The same code Spring gives a user-info endpoint that fails, so that both are reported alike.
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info_response",
                    "could not read the email addresses at " + uri + ": " + e.getMessage(), null), e);
        }
    }

    /** GitHub answers its scopes comma-separated ({@code read:user,user:email}), which Spring keeps as one scope. */
    private static boolean granted(OAuth2AccessToken token, String scope) {
        return token.getScopes().stream().flatMap(scopes -> Arrays.stream(scopes.split(",")))
                .map(String::strip).anyMatch(scope::equals);
    }

    private static JdkClientHttpRequestFactory timingOut(HttpClient client) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(TIMEOUT);
        return factory;
    }
}
