package io.pixbox.server.account;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens that rotate: each is good for one refresh, which issues the next of its family. Presenting one
 * that was already used means it was stolen or replayed, so the whole family is revoked.
 */
@Component
class RefreshTokens {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AccountProperties settings;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transactions, AccountProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new family's first token, for a fresh sign-in. */
    String start(UUID accountId) {
        return issue(accountId, UUID.randomUUID());
    }

    /**
     * Spends {@code token} and answers the account it was for together with its successor.
     *
     * @throws AccountException when the token is unknown, expired, revoked or already used (then its family is revoked)
     */
    Rotation rotate(String token) {
        Instant now = clock.instant();
        Rotation rotation = transactions.execute(status -> {
            Optional<Row> found = jdbc.sql("""
                            SELECT id, account_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens
                             WHERE token_hash = ? FOR UPDATE""")
                    .param(Tokens.hash(token))
                    .query((row, n) -> new Row(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                            row.getObject("family_id", UUID.class), instant(row.getObject("expires_at", OffsetDateTime.class)),
                            instant(row.getObject("used_at", OffsetDateTime.class)),
                            instant(row.getObject("revoked_at", OffsetDateTime.class))))
                    .optional();
            if (found.isEmpty() || found.get().revokedAt() != null || !found.get().expiresAt().isAfter(now)) {
                return null;
            }
            Row row = found.get();
            if (row.usedAt() != null) {
                revokeFamily(row.familyId(), now);
                return new Rotation(row.accountId(), null);
            }
            jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ?").params(Accounts.timestamp(now), row.id()).update();
            return new Rotation(row.accountId(), issue(row.accountId(), row.familyId()));
        });
        if (rotation == null) {
            throw invalid("the refresh token is not valid: sign in again");
        }
        if (rotation.next() == null) {
            throw new AccountException(AccountException.Kind.UNAUTHORIZED, "auth.refresh_reused",
                    "the refresh token was already used, so every token of this sign-in is revoked: sign in again");
        }
        return rotation;
    }

    /** Revokes the family {@code token} belongs to, as signing out does; nothing happens for an unknown token. */
    void revoke(String token) {
        jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ?").param(Tokens.hash(token))
                .query(UUID.class).optional().ifPresent(family -> revokeFamily(family, clock.instant()));
    }

    /** The account a token was issued for, and the token that replaces it. */
    record Rotation(UUID accountId, String next) {
    }

    private record Row(UUID id, UUID accountId, UUID familyId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    private String issue(UUID accountId, UUID familyId) {
        String token = Tokens.random("");
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, account_id, family_id, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), accountId, familyId, Tokens.hash(token), Accounts.timestamp(now),
                        Accounts.timestamp(now.plus(settings.refreshTokenTtl())))
                .update();
        return token;
    }

    private void revokeFamily(UUID familyId, Instant now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Accounts.timestamp(now), familyId).update();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static AccountException invalid(String message) {
        return new AccountException(AccountException.Kind.UNAUTHORIZED, "auth.invalid_token", message);
    }
}
