package io.pixbox.server.account;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.Role;
import io.pixbox.server.web.Requests;
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
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. The API is stateless: every write needs a bearer token (an access token or a personal API
 * token); reading images and the public feed, registering and signing in do not. Refusals are problem details.
 * Browsers sign in to the web pages with a session instead, by password or through GitHub or an OpenID Connect
 * provider, on the site's chain.
 * In local mode every request acts as the built-in admin instead.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SIGN_IN_PAGE = "/signin";

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
     * The web pages, health, metrics and the API's documentation. Reading pages is open to all; uploading, editing,
     * the jobs and every other write need a browser signed in by a password ({@code /signin}) or a provider
     * ({@code /oauth2/authorization/{id}}, back at {@code /login/oauth2/code/{id}}). The signed-in caller lives in
     * the server-side session; writes carry a CSRF token besides the SameSite session cookie. A process without the
     * api role has no pages and no sign-in: there this chain lets the actuator through, and nothing else exists.
     */
    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http, SignInProviders providers, OAuthLoginHandler oauthLogin,
                             AccountProperties settings, LocalAccount localAccount, PixboxProperties pixbox)
            throws Exception {
        if (!pixbox.roles().contains(Role.API)) {
            // No pages, sessions or sign-in here, nothing a forged request could ride on: what is not the actuator is 404.
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable()).build();
        }
        ProblemResponses problems = new ProblemResponses();
        RequestMatcher scripts = Requests::fromScript;
        AuthenticationEntryPoint signInPage = new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE);
        http.securityContext(context -> context.securityContextRepository(BrowserSessions.REPOSITORY))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, SIGN_IN_PAGE, "/register").permitAll()
                        .requestMatchers(HttpMethod.GET, "/upload", "/jobs", "/jobs/**", "/images/*/edit",
                                "/images/*/preview").authenticated()
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().authenticated())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/"))
                .exceptionHandling(exceptions -> exceptions
                        // Pages go to the sign-in page and come back after it; scripts get a problem they can show.
                        .authenticationEntryPoint((request, response, failure) -> {
                            if (scripts.matches(request)) {
                                problems.sessionRequired(request, response);
                            } else {
                                signInPage.commence(request, response, failure);
                            }
                        })
                        // A missing or stale CSRF token, most often a form from a session that has since ended.
                        .accessDeniedHandler((request, response, denied) -> {
                            if (scripts.matches(request) && denied instanceof CsrfException && !signedIn()) {
                                // The token died with the session: what the script's page needs is to sign in again.
                                problems.sessionRequired(request, response);
                            } else if (scripts.matches(request)) {
                                problems.handle(request, response, denied);
                            } else {
                                response.sendRedirect(SIGN_IN_PAGE + "?expired");
                            }
                        }));
        if (providers.any()) {
            http.oauth2Login(login -> login
                    .loginPage(SIGN_IN_PAGE)
                    // In the session, which ends with the sign-in, rather than in memory for as long as the process runs.
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .userInfoEndpoint(userInfo -> userInfo.userService(new GitHubUserService()))
                    .successHandler(oauthLogin)
                    .failureHandler(oauthLogin));
        }
        if (settings.localMode()) {
            http.addFilterBefore(new LocalModeFilter(localAccount), AuthorizationFilter.class);
        }
        return http.build();
    }

    /** Whether the request belongs to a signed-in session (the anonymous visitor is not one). */
    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
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
