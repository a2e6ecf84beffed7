package io.pixbox.server.feed;

/** A post that cannot be made or changed as asked, with a stable code such as {@code post.empty}. */
public class PostException extends RuntimeException {

    private final String code;
    private final boolean notFound;

    PostException(String code, String message, boolean notFound) {
        super(message);
        this.code = code;
        this.notFound = notFound;
    }

    static PostException invalid(String code, String message) {
        return new PostException(code, message, false);
    }

    static PostException notFound(Object id) {
        return new PostException("post.not_found", "no post " + id, true);
    }

    public String code() {
        return code;
    }

    /** Whether the post or user asked for does not exist, rather than the request being wrong. */
    public boolean notFound() {
        return notFound;
    }
}
