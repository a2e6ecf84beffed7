package io.pixbox.server.grpc;

import io.grpc.Status;
import java.util.Map;

/**
 * A refusal that only a gRPC call can meet, such as a malformed upload stream: the status, the stable code
 * ({@code upload.no_file}, {@code image.too_large}, …) and a message saying what is allowed.
 */
public class GrpcRefusal extends RuntimeException {

    private final Status.Code status;
    private final String code;
    private final Map<String, String> metadata;

    public GrpcRefusal(Status.Code status, String code, String message, Map<String, String> metadata) {
        super(message);
        this.status = status;
        this.code = code;
        this.metadata = Map.copyOf(metadata);
    }

    public GrpcRefusal(Status.Code status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public Status.Code status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
