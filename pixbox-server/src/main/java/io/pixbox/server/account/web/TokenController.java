package io.pixbox.server.account.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.ApiTokens;
import io.pixbox.server.account.ApiTokens.ApiToken;
import io.pixbox.server.account.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Personal API tokens of the account signed in: for scripts and the command-line client. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/tokens")
@Tag(name = "tokens", description = "Personal API tokens")
@ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
        content = @Content(mediaType = "application/problem+json"))
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateRequest(String name) {
    }

    /** A new token with its secret, shown this once. */
    record CreatedView(UUID id, String name, Instant createdAt, String token) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make a token; its secret is shown only in this answer")
    @ApiResponse(responseCode = "201", description = "Made")
    @ApiResponse(responseCode = "400", description = "A missing or over-long name, or too many tokens (token.invalid, token.too_many)",
            content = @Content(mediaType = "application/problem+json"))
    CreatedView create(@AuthenticationPrincipal Caller caller, @RequestBody CreateRequest request) {
        ApiTokens.Created created = tokens.create(caller.id(), request.name());
        return new CreatedView(created.token().id(), created.token().name(), created.token().createdAt(), created.secret());
    }

    @GetMapping
    @Operation(summary = "The account's tokens, without their secrets")
    @ApiResponse(responseCode = "200", description = "The tokens, newest first")
    List<ApiToken> list(@AuthenticationPrincipal Caller caller) {
        return tokens.list(caller.id());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "The account has no such token (token.not_found)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        if (!tokens.revoke(caller.id(), id)) {
            throw new TokenNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
