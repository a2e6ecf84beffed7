package io.pixbox.server.account;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.stereotype.Component;

/**
 * The providers a browser may sign in with: Spring Boot's {@code spring.security.oauth2.client.registration.*},
 * which it turns into a repository only when at least one is configured.
 */
@Component
public class SignInProviders {

    /** A provider as clients see it: its registration id, its name, and where a browser starts signing in. */
    public record Provider(String id, String name, String url) {
    }

    private final List<Provider> providers;

    SignInProviders(ObjectProvider<InMemoryClientRegistrationRepository> registrations) {
        this.providers = Optional.ofNullable(registrations.getIfAvailable()).stream()
                .flatMap(repository -> StreamSupport.stream(repository.spliterator(), false))
                .map(registration -> new Provider(registration.getRegistrationId(), registration.getClientName(),
                        OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
                                + registration.getRegistrationId()))
                .sorted(Comparator.comparing(Provider::id))
                .toList();
    }

    public List<Provider> all() {
        return providers;
    }

    boolean any() {
        return !providers.isEmpty();
    }
}
