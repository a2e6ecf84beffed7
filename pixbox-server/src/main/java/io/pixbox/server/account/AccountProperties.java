package io.pixbox.server.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts and sign-in ({@code pixbox.account}).
 *
 * @param localMode        single-user mode for a laptop: no sign-in at all, every request acts as the built-in admin
 *                         {@code local}; never on a shared server
 * @param jwtSecret        the key that signs access tokens (at least 32 bytes); every process of one deployment needs
 *                         the same; when empty, one is generated into the data directory on first start
 * @param accessTokenTtl   how long an access token is valid
 * @param refreshTokenTtl  how long a refresh token is valid if unused
 * @param admins           usernames that are admins; the first account registered is one too
 * @param throttle         how failed sign-ins are slowed down
 * @param oauth            where a browser lands after signing in through GitHub or an OpenID Connect provider
 */
@ConfigurationProperties("pixbox.account")
@Validated
public record AccountProperties(
        @DefaultValue("false") boolean localMode,
        String jwtSecret,
        @DefaultValue("15m") @NotNull Duration accessTokenTtl,
        @DefaultValue("30d") @NotNull Duration refreshTokenTtl,
        @DefaultValue({}) @NotNull List<String> admins,
        @DefaultValue @Valid @NotNull Throttle throttle,
        @DefaultValue @Valid @NotNull OAuth oauth) {

    /**
     * Failed sign-ins allowed within a window before further attempts are refused until it passes.
     *
     * @param window      the sliding window
     * @param perAccount  failures allowed for one username
     * @param perAddress  failures allowed from one client address
     */
    public record Throttle(
            @DefaultValue("15m") @NotNull Duration window,
            @DefaultValue("5") @Positive int perAccount,
            @DefaultValue("20") @Positive int perAddress) {
    }

    /**
     * The pages a browser is sent to at the end of a sign-in through a provider; the outcome travels in the URL
     * fragment, which browsers send neither to servers nor in {@code Referer}.
     *
     * @param successUrl  the page a signed-in browser lands on; with {@code hand-off=tokens} it gets
     *                    {@code #accessToken=…&refreshToken=…&expiresIn=…&tokenType=Bearer}
     * @param failureUrl  gets {@code #error=<code>&message=<text>}
     * @param handOff     {@code session}: the browser is signed in to the web pages with a session cookie;
     *                    {@code tokens}: it leaves with our tokens in the fragment, for a page that calls the API itself
     */
    public record OAuth(
            @DefaultValue("/") @NotBlank String successUrl,
            @DefaultValue("/signin") @NotBlank String failureUrl,
            @DefaultValue("session") @NotNull HandOff handOff) {
    }

    /** What a browser leaves a provider sign-in with. */
    public enum HandOff {
        /** A signed-in session on the site, known to the browser by its session cookie. */
        SESSION,
        /** Our access and refresh tokens in the success page's URL fragment. */
        TOKENS
    }
}
