package io.pixbox.server.account;

/**
 * A sign-in, registration or token request that cannot be granted, with a stable code such as
 * {@code auth.bad_credentials}; the message never tells whether an account exists.
 */
public class AccountException extends RuntimeException {

    /** What kind of refusal it is, which decides the HTTP status. */
    public enum Kind { INVALID, UNAUTHORIZED, CONFLICT, THROTTLED, NOT_FOUND }

    private final Kind kind;
    private final String code;
    private final long retryAfterSeconds;

    AccountException(Kind kind, String code, String message) {
        this(kind, code, message, 0);
    }

    AccountException(Kind kind, String code, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** For {@link Kind#THROTTLED}: how long to wait before trying again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static AccountException badCredentials() {
        return new AccountException(Kind.UNAUTHORIZED, "auth.bad_credentials", "the username or password is wrong");
    }
}
