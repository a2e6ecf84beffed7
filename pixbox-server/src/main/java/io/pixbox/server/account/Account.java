package io.pixbox.server.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A person who signs in.
 *
 * @param passwordHash the argon2id hash, or null for an account that signs in only through a provider
 */
public record Account(UUID id, String username, String email, String passwordHash, AccountRole role,
                      Instant createdAt) {

    public boolean isAdmin() {
        return role == AccountRole.ADMIN;
    }
}
