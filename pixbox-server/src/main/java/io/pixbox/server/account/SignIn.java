package io.pixbox.server.account;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Password sign-in and the tokens that follow it: a short-lived access token and a rotating refresh token.
 * Refusals never tell an unknown username from a wrong password.
 */
@Service
public class SignIn {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final AccountProperties settings;
    /** Checked against when the username is unknown, so that both refusals take as long. */
    private final String decoyHash;

    SignIn(Accounts accounts, PasswordEncoder passwords, AccessTokens accessTokens, RefreshTokens refreshTokens,
           LoginThrottle throttle, AccountProperties settings) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.settings = settings;
        this.decoyHash = passwords.encode("not anyone's password, only a decoy");
    }

    /** The tokens a client holds after signing in. */
    public record Session(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }

    /** @throws AccountException when the username or password is wrong, or sign-ins are throttled */
    public Session login(String username, String password, String address) {
        return sessionFor(authenticate(username, password, address));
    }

    /**
     * The account whose password this is, under the same throttle as {@link #login}; for a browser, which keeps a
     * session cookie rather than tokens.
     *
     * @throws AccountException when the username or password is wrong, or sign-ins are throttled
     */
    public Account authenticate(String username, String password, String address) {
        throttle.check(username, address);
        var account = accounts.findByUsername(username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(found -> found.passwordHash() != null);
        boolean matches = passwords.matches(password == null ? "" : password,
                account.map(Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throttle.failed(username, address);
            throw AccountException.badCredentials();
        }
        throttle.succeeded(username);
        return account.get();
    }

    /** A fresh session for an account that has just proved who it is, by password or through a provider. */
    public Session sessionFor(Account account) {
        return session(account, refreshTokens.start(account.id()));
    }

    /** @throws AccountException when the refresh token is not valid or was already used */
    public Session refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken == null ? "" : refreshToken);
        Account account = accounts.find(rotation.accountId()).orElseThrow(AccountException::badCredentials);
        return session(account, rotation.next());
    }

    /** Ends the sign-in the refresh token belongs to; access tokens already issued run out by themselves. */
    public void logout(String refreshToken) {
        if (refreshToken != null) {
            refreshTokens.revoke(refreshToken);
        }
    }

    private Session session(Account account, String refreshToken) {
        return new Session(accessTokens.issue(account), refreshToken, settings.accessTokenTtl().toSeconds(), "Bearer");
    }
}
