package io.pixbox.server.web;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import io.pixbox.imaging.ImagingException.UnsupportedFormat;
import io.pixbox.server.account.AccountException;
import io.pixbox.server.account.ForbiddenException;
import io.pixbox.server.feed.PostException;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.PreviewBusyException;
import io.pixbox.server.image.RejectedUpload;
import io.pixbox.server.processing.JobNotFoundException;
import io.pixbox.server.upload.UploadException;
import io.pixbox.server.image.IdempotencyKeyReused;
import io.pixbox.server.storage.ObjectNotFoundException;
import io.pixbox.server.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the API into an RFC 9457 problem detail whose {@code code} property is stable and
 * machine-readable ({@code image.unsupported_format}, {@code recipe.invalid}, …) and whose {@code detail} says what
 * was wrong and what is allowed. The codes are listed in docs/api.md.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejectedUpload(RejectedUpload e) {
        ImagingException reason = e.reason();
        HttpStatus status = switch (reason) {
            case UnsupportedFormat _ -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case LimitExceeded _ when e.overByteLimit() -> HttpStatus.PAYLOAD_TOO_LARGE;
            case LimitExceeded _, CorruptImage _ -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = Problems.problem(status, reason.code(), e.getMessage());
        problem.setProperty("file", e.fileName());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> accountRefused(AccountException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case CONFLICT -> HttpStatus.CONFLICT;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (e.kind() == AccountException.Kind.THROTTLED) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.body(Problems.problem(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> postRefused(PostException e) {
        HttpStatus status = e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return respond(Problems.problem(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> uploadRefused(UploadException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case DENIED -> HttpStatus.FORBIDDEN;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case EXPIRED -> HttpStatus.GONE;
        };
        return respond(Problems.problem(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return respond(Problems.problem(HttpStatus.FORBIDDEN, "auth.forbidden", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRecipe(InvalidRecipe e) {
        return respond(Problems.problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badArgument(IllegalArgumentException e) {
        return respond(Problems.problem(HttpStatus.BAD_REQUEST, "request.invalid", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> imageNotFound(ImageNotFoundException e) {
        return respond(Problems.problem(HttpStatus.NOT_FOUND, "image.not_found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> previewBusy(PreviewBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "preview.busy", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobNotFound(JobNotFoundException e) {
        return respond(Problems.problem(HttpStatus.NOT_FOUND, "job.not_found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> objectMissing(ObjectNotFoundException e) {
        log.error("A recorded object is missing from the store: {}", e.getMessage());
        return respond(Problems.problem(HttpStatus.NOT_FOUND, "storage.object_missing", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailableException e) {
        log.warn("Object store unavailable: {}", e.getMessage());
        return respond(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage.unavailable",
                "the object store is unavailable; try again shortly"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReused e) {
        return respond(Problems.problem(HttpStatus.CONFLICT, "upload.idempotency_key_reused", e.getMessage()));
    }

    /** A failed query, or no connection to begin a transaction with: both mean the database does not answer. */
    @ExceptionHandler({DataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database failure: {}", e.getMessage());
        return respond(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "database.unavailable",
                "the database is unavailable; try again shortly"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                "image.too_large", "the upload is larger than the limit of " + e.getMaxUploadSize() + " bytes"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "upload.no_file",
                "send the image as the multipart field \"" + e.getRequestPartName() + "\" (repeat it for several)"));
    }

    /** Spring's own failures (unknown path, wrong method, bad parameter) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", switch (status.value()) {
                case 404 -> "request.not_found";
                case 405 -> "request.method_not_allowed";
                case 406 -> "request.not_acceptable";
                case 415 -> "request.unsupported_media_type";
                default -> status.is4xxClientError() ? "request.invalid" : "internal";
            });
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
