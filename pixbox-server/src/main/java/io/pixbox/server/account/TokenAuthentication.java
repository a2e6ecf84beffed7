package io.pixbox.server.account;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Checks bearer tokens: a personal API token ({@code pbx_…}) against its stored hash, anything else as an access
 * token JWT (HS256 only, our issuer, not expired). Either way the request's principal becomes a {@link Caller}.
 */
final class TokenAuthentication {

    private TokenAuthentication() {
    }

    static ProviderManager manager(JwtDecoder decoder, ApiTokens apiTokens) {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
        jwt.setJwtAuthenticationConverter(TokenAuthentication::caller);
        return new ProviderManager(List.of(apiTokenProvider(apiTokens), accessTokenProvider(jwt)));
    }

    /** The JWT provider, kept off API tokens so that their refusal is the one reported. */
    private static AuthenticationProvider accessTokenProvider(JwtAuthenticationProvider jwt) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String token = ((BearerTokenAuthenticationToken) authentication).getToken();
                return token.startsWith(ApiTokens.PREFIX) ? null : jwt.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    private static AuthenticationProvider apiTokenProvider(ApiTokens apiTokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String token = ((BearerTokenAuthenticationToken) authentication).getToken();
                if (!token.startsWith(ApiTokens.PREFIX)) {
                    return null; // an access token: the JWT provider's
                }
                return apiTokens.authenticate(token).map(CallerAuthentication::of)
                        .orElseThrow(() -> new InvalidBearerTokenException("the API token is not valid or was revoked"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    private static CallerAuthentication caller(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(AccessTokens.ROLES);
        return new CallerAuthentication(new Caller(UUID.fromString(jwt.getSubject()),
                jwt.getClaimAsString("preferred_username"), roles != null && roles.contains(AccountRole.ADMIN.name())));
    }
}
