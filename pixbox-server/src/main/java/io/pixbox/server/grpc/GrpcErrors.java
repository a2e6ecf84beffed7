package io.pixbox.server.grpc;

import com.google.rpc.ErrorInfo;
import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import io.pixbox.server.account.AccountException;
import io.pixbox.server.account.ForbiddenException;
import io.pixbox.server.image.IdempotencyKeyReused;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.RejectedUpload;
import io.pixbox.server.image.UploadAbandoned;
import io.pixbox.server.processing.JobNotFoundException;
import io.pixbox.server.storage.ObjectNotFoundException;
import io.pixbox.server.storage.StorageUnavailableException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns every failure of a gRPC call into a status with a message that says what was wrong and a
 * {@code google.rpc.Status} whose {@link ErrorInfo} carries the same stable code as the REST API's problem details
 * (docs/api.md), so clients branch on the reason, never the message. Ordered first, before Spring's own handler.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GrpcErrors implements GrpcExceptionHandler {

    /** The domain of every {@link ErrorInfo} Pixbox sends. */
    public static final String DOMAIN = "pixbox.io";

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    @Override
    public StatusException handleException(Throwable e) {
        return switch (e) {
            case GrpcRefusal r -> status(r.status(), r.code(), r.getMessage(), r.metadata());
            case IdempotencyKeyReused r -> status(Code.ALREADY_EXISTS, "upload.idempotency_key_reused", r.getMessage(), Map.of());
            case UploadAbandoned a -> status(Code.CANCELLED, "upload.abandoned", a.getMessage(), Map.of());
            case RejectedUpload r -> status(r.reason() instanceof LimitExceeded ? Code.RESOURCE_EXHAUSTED
                    : Code.INVALID_ARGUMENT, r.reason().code(), r.getMessage(), Map.of("file", r.fileName()));
            case LimitExceeded l -> status(Code.RESOURCE_EXHAUSTED, l.code(), l.getMessage(), Map.of());
            case ImagingException i -> status(Code.INVALID_ARGUMENT, i.code(), i.getMessage(), Map.of());
            case ForbiddenException f -> status(Code.PERMISSION_DENIED, "auth.forbidden", f.getMessage(), Map.of());
            case AccessDeniedException a -> status(Code.PERMISSION_DENIED, "auth.forbidden", a.getMessage(), Map.of());
            case InvalidBearerTokenException t -> status(Code.UNAUTHENTICATED, "auth.invalid_token",
                    "the bearer token is not valid: " + t.getMessage(), Map.of());
            case AuthenticationException a -> status(Code.UNAUTHENTICATED, "auth.required",
                    "this call needs a token: send the metadata \"authorization: Bearer <token>\" with an access token "
                            + "or a personal API token (pbx_...)", Map.of());
            case AccountException a -> status(switch (a.kind()) {
                case INVALID -> Code.INVALID_ARGUMENT;
                case UNAUTHORIZED -> Code.UNAUTHENTICATED;
                case CONFLICT -> Code.ALREADY_EXISTS;
                case THROTTLED -> Code.RESOURCE_EXHAUSTED;
                case NOT_FOUND -> Code.NOT_FOUND;
            }, a.code(), a.getMessage(), a.kind() == AccountException.Kind.THROTTLED
                    ? Map.of("retry_after_seconds", Long.toString(a.retryAfterSeconds())) : Map.of());
            case ImageNotFoundException n -> status(Code.NOT_FOUND, "image.not_found", n.getMessage(), Map.of());
            case JobNotFoundException n -> status(Code.NOT_FOUND, "job.not_found", n.getMessage(), Map.of());
            case ObjectNotFoundException n -> {
                log.error("A recorded object is missing from the store: {}", n.getMessage());
                yield status(Code.NOT_FOUND, "storage.object_missing", n.getMessage(), Map.of());
            }
            case StorageUnavailableException u -> {
                log.warn("Object store unavailable: {}", u.getMessage());
                yield status(Code.UNAVAILABLE, "storage.unavailable", "the object store is unavailable; try again shortly", Map.of());
            }
            // No connection to begin a transaction with is the database being down too.
            case DataAccessException _, CannotCreateTransactionException _ -> {
                log.warn("Database failure: {}", e.getMessage());
                yield status(Code.UNAVAILABLE, "database.unavailable", "the database is unavailable; try again shortly", Map.of());
            }
            case IllegalArgumentException i -> status(Code.INVALID_ARGUMENT, "request.invalid", i.getMessage(), Map.of());
            default -> {
                log.error("A gRPC call failed", e);
                yield status(Code.INTERNAL, "internal", "the server failed; the failure is logged", Map.of());
            }
        };
    }

    private static StatusException status(Code code, String reason, String message, Map<String, String> metadata) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message == null ? reason : message)
                .addDetails(com.google.protobuf.Any.pack(ErrorInfo.newBuilder()
                        .setReason(reason).setDomain(DOMAIN).putAllMetadata(metadata).build()))
                .build();
        return StatusProto.toStatusException(status);
    }
}
