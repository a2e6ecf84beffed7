package io.pixbox.server.account;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens for scripts and the command-line client: long-lived, named, revocable, shown once when made
 * and stored only as a hash. They start with {@code pbx_}, which tells them from access tokens.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "pbx_";
    private static final int MAX_PER_ACCOUNT = 50;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Accounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A token's record; never its secret. */
    public record ApiToken(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    /** A token just made, with the secret the caller must keep. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(UUID accountId, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new AccountException(AccountException.Kind.INVALID, "token.invalid", "name: 1 to 100 characters");
        }
        if (list(accountId).size() >= MAX_PER_ACCOUNT) {
            throw new AccountException(AccountException.Kind.INVALID, "token.too_many",
                    "an account may have at most " + MAX_PER_ACCOUNT + " tokens; revoke some first");
        }
        String secret = Tokens.random(PREFIX);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, accountId, label, Tokens.hash(secret), Accounts.timestamp(now)).update();
        return new Created(new ApiToken(id, label, now, null), secret);
    }

    /** The account's tokens that are not revoked, newest first. */
    public List<ApiToken> list(UUID accountId) {
        return jdbc.sql("""
                        SELECT id, name, created_at, last_used_at FROM api_tokens
                         WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id""")
                .param(accountId)
                .query((row, n) -> new ApiToken(row.getObject("id", UUID.class), row.getString("name"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(row.getObject("last_used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null)))
                .list();
    }

    /** Revokes one of the account's tokens; false when it has no such token. */
    public boolean revoke(UUID accountId, UUID tokenId) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL")
                .params(Accounts.timestamp(clock.instant()), tokenId, accountId).update() == 1;
    }

    /** The account a presented secret belongs to, if it is a live token. */
    Optional<Account> authenticate(String secret) {
        Optional<UUID> account = jdbc.sql("SELECT account_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .param(Tokens.hash(secret)).query(UUID.class).optional();
        account.ifPresent(id -> jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?")
                .params(Accounts.timestamp(clock.instant()), Tokens.hash(secret)).update());
        return account.flatMap(accounts::find);
    }
}
