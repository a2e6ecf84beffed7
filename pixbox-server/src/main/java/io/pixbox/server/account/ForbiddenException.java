package io.pixbox.server.account;

/** The caller is signed in but may not do this: it is not the owner, nor an admin. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
