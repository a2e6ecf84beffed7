package io.pixbox.server.upload.web;

import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.RecipeRequests;
import io.pixbox.server.upload.DirectUpload;
import io.pixbox.server.upload.Uploads;
import io.pixbox.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Direct uploads over REST: the client puts the bytes with the signed request it is given, then completes. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/uploads")
class UploadController {

    private final Uploads uploads;
    private final RecipeRequests recipes;

    UploadController(Uploads uploads, RecipeRequests recipes) {
        this.uploads = uploads;
        this.recipes = recipes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a direct upload",
            description = "Answers a signed PUT request, valid for pixbox.uploads.ttl and for exactly the announced "
                    + "content type and size, that puts the file straight into the object store (or, when the store "
                    + "is Pixbox's own disk, to Pixbox). Then complete the upload, or let a storage event do it.")
    @ApiResponse(responseCode = "201", description = "Started; make the request in the answer")
    @ApiResponse(responseCode = "400", description = "A bad size or recipe (upload.invalid_size, recipe.invalid)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Larger than the byte limit (image.too_large)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "Not an image type Pixbox accepts (image.unsupported_format)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<UploadTicket> start(@AuthenticationPrincipal Caller caller, @RequestBody UploadRequest request) {
        List<Recipe> requested = recipes.parse(request.recipes(), request.presets());
        URI base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
        Uploads.Started started = uploads.start(caller, request.fileName(), request.contentType(), request.bytes(),
                requested, base);
        UploadView view = UploadView.of(started.upload());
        return ResponseEntity.created(URI.create(view.url())).body(new UploadTicket(view, "PUT",
                started.request().url(), started.request().headers(), started.request().expiresAt()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a direct upload: its state, the image made of it, or why it failed")
    @ApiResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the owner's or an admin's (auth.forbidden)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such upload (upload.not_found)",
            content = @Content(mediaType = "application/problem+json"))
    UploadView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return UploadView.of(uploads.get(caller, id));
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Complete a direct upload",
            description = "Checks the object that was put as an upload is checked and makes an image of it with its "
                    + "jobs. An object that is not an image Pixbox accepts, is over a limit or is not the announced "
                    + "size is deleted and the upload failed with the reason. Completing again answers the same.")
    @ApiResponse(responseCode = "200", description = "Completed; imageUrl names the image")
    @ApiResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the owner's or an admin's (auth.forbidden)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such upload (upload.not_found)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Nothing was put yet (upload.not_received)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "Expired before its bytes arrived (upload.expired)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "The object was refused and deleted (image.unsupported_format, "
            + "image.too_large, image.corrupt, upload.size_mismatch)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> complete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        DirectUpload upload = uploads.complete(caller, id);
        UploadView view = UploadView.of(upload);
        return switch (upload.state()) {
            case COMPLETED, PENDING -> ResponseEntity.ok(view);
            case FAILED -> refused(HttpStatus.UNPROCESSABLE_CONTENT, view);
            case EXPIRED -> refused(HttpStatus.GONE, view);
        };
    }

    @PutMapping("/{id}/content")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Put a direct upload's bytes, when Pixbox takes them itself",
            description = "Only with the signed URL starting the upload answered, when the object store is Pixbox's "
                    + "own disk; with S3 the URL points at the store instead. Needs no token: the signature is the "
                    + "permission.")
    @ApiResponse(responseCode = "204", description = "Stored; now complete the upload")
    @ApiResponse(responseCode = "400", description = "Not the announced type or size (upload.content_type_mismatch, "
            + "upload.size_mismatch)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A wrong signature (upload.bad_signature)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The upload has ended (upload.finished)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "The URL has expired (upload.expired)",
            content = @Content(mediaType = "application/problem+json"))
    void content(@PathVariable UUID id, @RequestParam long expires, @RequestParam String signature,
                 @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
                 String contentType, HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            uploads.receive(id, expires, signature, contentType, request.getContentLengthLong(), body);
        }
    }

    private static ResponseEntity<ProblemDetail> refused(HttpStatus status, UploadView upload) {
        ProblemDetail problem = Problems.problem(status, upload.errorCode(), upload.fileName() + ": " + upload.reason());
        problem.setProperty("upload", upload);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
