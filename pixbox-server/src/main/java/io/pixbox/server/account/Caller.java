package io.pixbox.server.account;

import java.util.UUID;

/**
 * Who makes a request, as the security filters established it: an account's id, name and whether it is an
 * admin. Every write is made by one; reads may be anonymous.
 */
public record Caller(UUID id, String username, boolean admin) implements java.io.Serializable {

    /** Whether this caller is {@code owner} or an admin: who may change, delete, and see the jobs of what it owns. */
    public boolean isOwnerOrAdmin(UUID owner) {
        return admin || id.equals(owner);
    }

    /** Throws {@link ForbiddenException} unless this caller is {@code owner} or an admin. */
    public void checkOwnerOrAdmin(UUID owner, String what) {
        if (!isOwnerOrAdmin(owner)) {
            throw new ForbiddenException("only the owner of " + what + " or an admin may do that");
        }
    }
}
