package io.pixbox.server.upload;

/** A direct upload cannot be started, received or completed as asked; the code says why, for clients to act on. */
public class UploadException extends RuntimeException {

    /** What kind of refusal this is, which the API turns into a status. */
    public enum Kind {
        /** No such upload, or not the caller's. */
        NOT_FOUND,
        /** The request is wrong: a bad content type, size or signature. */
        INVALID,
        /** Not an image type Pixbox accepts. */
        UNSUPPORTED,
        /** The signed request's signature does not match. */
        DENIED,
        /** Over the byte limit. */
        TOO_LARGE,
        /** The upload is not in a state that allows it: its bytes have not arrived, or it has ended. */
        CONFLICT,
        /** The upload's time ran out. */
        EXPIRED
    }

    private final Kind kind;
    private final String code;

    UploadException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The stable code, such as {@code upload.not_received}. */
    public String code() {
        return code;
    }
}
