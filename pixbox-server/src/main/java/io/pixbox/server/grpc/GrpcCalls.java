package io.pixbox.server.grpc;

import io.pixbox.server.account.Caller;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads what every call needs: who makes it, as the security interceptor established, and the ids it names. */
public final class GrpcCalls {

    private GrpcCalls() {
    }

    /** The caller of the current call, if it sent a valid token (or the server is in local mode). */
    public static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller) : Optional.empty();
    }

    /** The caller of a call the security interceptor lets through only with a token. */
    public static Caller requiredCaller() {
        return caller().orElseThrow(() -> new org.springframework.security.authentication
                .AuthenticationCredentialsNotFoundException("no token"));
    }

    /** @throws IllegalArgumentException (request.invalid) naming the field when the text is not a UUID */
    public static UUID id(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": must be a UUID such as 3f0c8f4e-6a51-4f8e-9d7b-2c1e5a9b0d42, got \""
                    + text + "\"");
        }
    }

    /** A page size of a request: 0 means the default of 20. */
    public static int pageSize(int requested) {
        return requested == 0 ? 20 : requested;
    }

    /** The instant as a protobuf timestamp. */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
