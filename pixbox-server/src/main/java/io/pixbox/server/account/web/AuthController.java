package io.pixbox.server.account.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Account;
import io.pixbox.server.account.Accounts;
import io.pixbox.server.account.Caller;
import io.pixbox.server.account.Registration;
import io.pixbox.server.account.SignIn;
import io.pixbox.server.account.SignIn.Session;
import io.pixbox.server.account.SignInProviders;
import io.pixbox.server.account.SignInProviders.Provider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registering, signing in and out, refreshing access tokens, and the providers a browser may sign in with. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "Accounts and sign-in")
class AuthController {

    private final Registration registration;
    private final SignIn signIn;
    private final Accounts accounts;
    private final SignInProviders providers;

    AuthController(Registration registration, SignIn signIn, Accounts accounts, SignInProviders providers) {
        this.registration = registration;
        this.signIn = signIn;
        this.accounts = accounts;
        this.providers = providers;
    }

    record RegisterRequest(String username, String email, String password) {
    }

    record LoginRequest(String username, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    /** An account as its owner sees it. */
    record AccountView(UUID id, String username, String email, String role, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.id(), account.username(), account.email(), account.role().text(),
                    account.createdAt());
        }
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Create an account", description = "Usernames are 3 to 32 lower-case letters, digits, _ . and -; "
            + "passwords 10 to 128 characters, not a common one, not containing the username. The first account is an admin.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A bad username, email or password (account.invalid, account.weak_password)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The username or email is taken (account.taken)",
            content = @Content(mediaType = "application/problem+json"))
    AccountView register(@RequestBody RegisterRequest request) {
        return AccountView.of(registration.register(request.username(), request.email(), request.password()));
    }

    @PostMapping("/login")
    @SecurityRequirements
    @Operation(summary = "Sign in with a username and password")
    @ApiResponse(responseCode = "200", description = "An access token (for Authorization: Bearer) and a refresh token")
    @ApiResponse(responseCode = "401", description = "Wrong username or password, never saying which (auth.bad_credentials)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins for this username or address (auth.throttled); see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    Session login(@RequestBody LoginRequest request, HttpServletRequest http) {
        return signIn.login(request.username(), request.password(), http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @Operation(summary = "Trade a refresh token for new tokens",
            description = "Each refresh token works once. Presenting a used one revokes every token of that sign-in.")
    @ApiResponse(responseCode = "200", description = "New access and refresh tokens")
    @ApiResponse(responseCode = "401", description = "Not valid, expired, revoked or already used (auth.invalid_token, auth.refresh_reused)",
            content = @Content(mediaType = "application/problem+json"))
    Session refresh(@RequestBody RefreshRequest request) {
        return signIn.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Sign out: revoke the refresh token and its family")
    @ApiResponse(responseCode = "204", description = "Signed out (also for an unknown token)")
    void logout(@RequestBody RefreshRequest request) {
        signIn.logout(request.refreshToken());
    }

    @GetMapping("/providers")
    @SecurityRequirements
    @Operation(summary = "The providers a browser can sign in with",
            description = "Send the browser to a provider's url. It comes back to the configured success page with "
                    + "#accessToken=…&refreshToken=…&expiresIn=…&tokenType=Bearer in the URL fragment, or to the "
                    + "failure page with #error=<code>&message=<text> (oauth.denied, oauth.bad_state, "
                    + "oauth.provider_unavailable, oauth.failed). Empty when none is configured.")
    @ApiResponse(responseCode = "200", description = "The providers configured, by id")
    List<Provider> providers() {
        return providers.all();
    }

    @GetMapping("/me")
    @Operation(summary = "The account signed in")
    @ApiResponse(responseCode = "200", description = "The account")
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
            content = @Content(mediaType = "application/problem+json"))
    AccountView me(@AuthenticationPrincipal Caller caller) {
        return accounts.find(caller.id()).map(AccountView::of).orElseThrow();
    }
}
