package io.pixbox.cli.client;

/**
 * A failure the user can act on, shown as one line with the server's stable code, and the exit status it gives.
 * The exit statuses are listed in {@code pixbox --help} and docs/cli.md.
 */
public final class ClientException extends RuntimeException {

    /** Something failed: a file was refused, a job failed, the server erred. */
    public static final int FAILED = 1;
    /** The command line was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** Not logged in, the token was refused, or the account may not do that. */
    public static final int AUTH = 3;
    /** No such image, variant or job. */
    public static final int NOT_FOUND = 4;
    /** The server could not be reached or is unavailable; trying again may work. */
    public static final int UNAVAILABLE = 5;

    private final String code;
    private final int exitCode;

    public ClientException(String code, String message, int exitCode) {
        super(message);
        this.code = code;
        this.exitCode = exitCode;
    }

    /** The stable code, such as {@code image.not_found}; the server's where it gave one. */
    public String code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Whether trying again might succeed: the link or the server failed, not the request. */
    public boolean transientFailure() {
        return exitCode == UNAVAILABLE;
    }
}
