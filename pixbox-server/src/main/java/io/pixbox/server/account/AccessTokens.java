package io.pixbox.server.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues short-lived access tokens: JWTs signed with HS256, naming the account, its name and its role. */
@Component
class AccessTokens {

    static final String ISSUER = "pixbox";
    static final String ROLES = "roles";

    private final JwtEncoder encoder;
    private final AccountProperties settings;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, AccountProperties settings, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    String issue(Account account) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(account.id().toString())
                .claim("preferred_username", account.username())
                .claim(ROLES, List.of(account.role().name()))
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
