package io.pixbox.server.account;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. The API is stateless: every write needs a bearer token (an access token or a personal API
 * token); reading images and the public feed, registering and signing in do not. Refusals are problem details.
 * Browsers may also sign in through GitHub or an OpenID Connect provider, on the site's chain.
 * In local mode every request acts as the built-in admin instead.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** OWASP's argon2id settings: 19 MiB of memory, 2 iterations, 1 lane; 16-byte salt, 32-byte hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    SecretKey tokenSigningKey(AccountProperties settings, PixboxProperties pixbox) {
        return SigningKey.load(settings.jwtSecret(), pixbox.dataDir());
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenSigningKey));
    }

    /** Accepts only HS256 tokens signed with our key, issued by us, within their lifetime: {@code alg: none} fails. */
    @Bean
    JwtDecoder jwtDecoder(SecretKey tokenSigningKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(AccessTokens.ISSUER));
        return decoder;
    }

    /** Only where the api role runs: elsewhere {@code /api/**} falls to the site's chain and finds nothing (404). */
    @Bean
    @Order(1)
    @ConditionalOnRole(Role.API)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder jwtDecoder, ApiTokens apiTokens, AccountProperties settings,
                            LocalAccount localAccount) throws Exception {
        ProviderManager tokens = TokenAuthentication.manager(jwtDecoder, apiTokens);
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/api/**")
                // Bearer tokens in a header, never cookies: there is nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login",
                                "/api/v1/auth/refresh", "/api/v1/auth/logout").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/images", "/api/v1/images/**", "/api/v1/feed",
                                "/api/v1/posts/**", "/api/v1/users/**", "/api/v1/auth/providers").permitAll()
                        // A direct upload's bytes: the request's signature is the permission, as with S3.
                        .requestMatchers(HttpMethod.PUT, "/api/v1/uploads/*/content").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(request -> tokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (settings.localMode()) {
            http.addFilterBefore(new LocalModeFilter(localAccount), BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * Pages, health, metrics and the API's documentation are open to all. When providers are configured, browsers
     * sign in through them here ({@code /oauth2/authorization/{id}}, back at {@code /login/oauth2/code/{id}}), with a
     * session only for the length of the round trip, and leave with our tokens. A process without the api role has
     * no pages and no sign-in: there this chain lets the actuator through, and nothing else exists.
     */
    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http, SignInProviders providers, OAuthLoginHandler oauthLogin,
                             PixboxProperties pixbox) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        if (!pixbox.roles().contains(Role.API)) {
            // No pages, sessions or sign-in here, nothing a forged request could ride on: what is not the actuator is 404.
            return http.csrf(csrf -> csrf.disable()).build();
        }
        if (providers.any()) {
            http.oauth2Login(login -> login
                    // In the session, which ends with the sign-in, rather than in memory for as long as the process runs.
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .userInfoEndpoint(userInfo -> userInfo.userService(new GitHubUserService()))
                    .successHandler(oauthLogin)
                    .failureHandler(oauthLogin));
        }
        return http.build();
    }

    /** Signs every request in as the local admin, as a laptop's single user is. */
    private static final class LocalModeFilter extends OncePerRequestFilter {

        private final LocalAccount localAccount;

        LocalModeFilter(LocalAccount localAccount) {
            this.localAccount = localAccount;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader("Authorization") == null) {
                SecurityContextHolder.getContext().setAuthentication(CallerAuthentication.of(localAccount.get()));
            }
            chain.doFilter(request, response);
        }
    }
}
