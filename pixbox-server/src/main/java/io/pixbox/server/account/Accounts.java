package io.pixbox.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account records and the external identities linked to them. */
@Repository
public class Accounts {

    private static final String COLUMNS = "id, username, email, password_hash, role, created_at";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Account account) {
        jdbc.sql("INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .params(account.id(), account.username(), account.email(), account.passwordHash(),
                        account.role().text(), timestamp(account.createdAt()))
                .update();
    }

    public Optional<Account> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?").param(id).query(Accounts::account).optional();
    }

    /** The admin account made first: who owns what arrives with no account of its own, unless configured otherwise. */
    public Optional<Account> firstAdmin() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE role = 'admin' ORDER BY created_at, id LIMIT 1")
                .query(Accounts::account).optional();
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE username = ?").param(username)
                .query(Accounts::account).optional();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE email = ?").param(email)
                .query(Accounts::account).optional();
    }

    boolean exists(String username, String email) {
        return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE username = ? OR email = ?").params(username, email)
                .query(Long.class).single() > 0;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
    }

    Optional<Account> findByIdentity(String provider, String subject) {
        return jdbc.sql("SELECT a." + COLUMNS.replace(", ", ", a.") + """
                         FROM accounts a JOIN account_identities i ON i.account_id = a.id
                        WHERE i.provider = ? AND i.subject = ?""")
                .params(provider, subject).query(Accounts::account).optional();
    }

    void link(String provider, String subject, UUID accountId, Instant now) {
        jdbc.sql("INSERT INTO account_identities (provider, subject, account_id, created_at) VALUES (?, ?, ?, ?)")
                .params(provider, subject, accountId, timestamp(now)).update();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Account account(ResultSet row, int number) throws SQLException {
        return new Account(row.getObject("id", UUID.class), row.getString("username"), row.getString("email"),
                row.getString("password_hash"), AccountRole.fromText(row.getString("role")),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
