package io.pixbox.server.image.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.ImageRemoval;
import io.pixbox.server.image.ImageCatalog;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.RecipeRequests;
import io.pixbox.server.image.Variant;
import io.pixbox.server.processing.web.JobView;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.NewJob;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;

/** The images API: upload, list, find, download originals and variants, process again, delete. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/images")
@Tag(name = "images", description = "Upload images, read them and their variants, delete them")
@ApiResponse(responseCode = "400", description = "A malformed id or parameter (request.invalid)",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "503", description = "The database or the object store is unavailable (database.unavailable, storage.unavailable)",
        content = @Content(mediaType = "application/problem+json"))
class ImageController {

    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

    private final Ingest ingest;
    private final MultipartUploads uploads;
    private final ImageRemoval removal;
    private final ImageCatalog catalog;
    private final JobQueue queue;
    private final ObjectStore originals;
    private final ObjectStore variants;
    private final RecipeRequests recipes;

    ImageController(Ingest ingest, MultipartUploads uploads, ImageRemoval removal, ImageCatalog catalog, JobQueue queue,
                    ObjectStores stores, RecipeRequests recipes) {
        this.ingest = ingest;
        this.uploads = uploads;
        this.removal = removal;
        this.catalog = catalog;
        this.queue = queue;
        this.originals = stores.originals();
        this.variants = stores.variants();
        this.recipes = recipes;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload one or more images",
            description = "Every file is checked before any is stored: its real format is sniffed from its bytes and "
                    + "its header checked against the limits. Each image is processed with the default presets plus "
                    + "the recipes and presets named. With an Idempotency-Key, a retry of the same upload (same "
                    + "files and recipes) answers the first upload's images instead of storing them again.")
    @ApiResponse(responseCode = "202", description = "Stored; the jobs are queued")
    @ApiResponse(responseCode = "200", description = "A retry under an Idempotency-Key: the first upload's images, "
            + "with their jobs as they are now; the header Idempotent-Replayed: true says so")
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for other files or recipes (upload.idempotency_key_reused)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "400", description = "No file, or a malformed recipe or unknown preset (upload.no_file, recipe.invalid)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "A file is larger than the byte limit (image.too_large)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "A file is not an image Pixbox accepts (image.unsupported_format)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "A file is over the pixel, dimension or frame limit, or truncated or corrupt (image.too_large, image.corrupt)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<UploadResponse> upload(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "A key of the client's choosing (1 to 255 visible ASCII characters, such as a "
                    + "UUID) that makes retries of this upload safe; remembered per account for a day by default")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(description = "The image files; repeat the field for several") @RequestPart("file") List<MultipartFile> files,
            @Parameter(description = "Recipes to run besides the defaults, such as fit:400:400/format:webp; repeatable")
            @RequestParam(name = "recipe", required = false) List<String> recipeTexts,
            @Parameter(description = "Presets to run besides the defaults, such as thumb; repeatable")
            @RequestParam(name = "preset", required = false) List<String> presetNames) {
        MultipartUploads.Accepted accepted = uploads.accept(caller, files, recipes.parse(recipeTexts, presetNames),
                Optional.ofNullable(idempotencyKey));
        return accepted.replayed()
                ? ResponseEntity.ok().header("Idempotent-Replayed", "true").body(accepted.response())
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted.response());
    }

    @GetMapping
    @Operation(summary = "List images, newest first, or find them by original file name")
    @ApiResponse(responseCode = "200", description = "One page; pass nextCursor as cursor for the next")
    @ApiResponse(responseCode = "400", description = "A cursor this server did not give out, or a bad limit (request.invalid)",
            content = @Content(mediaType = "application/problem+json"))
    ImagePage list(@Parameter(description = "The nextCursor of the previous page") @RequestParam Optional<String> cursor,
                   @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") int limit,
                   @Parameter(description = "Only images uploaded with exactly this file name") @RequestParam Optional<String> name) {
        ImageCatalog.Page page = catalog.list(cursor, limit, name);
        return new ImagePage(page.images().stream().map(ImageView::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One image with its variants, and its jobs when the caller owns it or is an admin")
    @ApiResponse(responseCode = "200", description = "The image")
    @ApiResponse(responseCode = "404", description = "No such image (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    ImageView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Image image = find(id);
        List<JobView> jobs = caller != null && caller.isOwnerOrAdmin(image.ownerId())
                ? queue.forImage(id).stream().map(JobView::of).toList() : null;
        return ImageView.of(image, variantViews(id), jobs);
    }

    @GetMapping("/{id}/original")
    @Operation(summary = "Download the original as uploaded")
    @ApiResponse(responseCode = "200", description = "The bytes, with their real Content-Type",
            content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @ApiResponse(responseCode = "404", description = "No such image (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<InputStreamResource> original(@PathVariable UUID id, WebRequest request) {
        Image image = find(id);
        return download(originals, image.objectKey(), image.contentType(), image.bytes(), image.fileName(),
                "\"" + image.sha256() + "\"", request);
    }

    @GetMapping("/{id}/variants")
    @Operation(summary = "The variants made so far")
    @ApiResponse(responseCode = "200", description = "The variants, oldest first")
    @ApiResponse(responseCode = "404", description = "No such image (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    List<VariantView> variants(@PathVariable UUID id) {
        find(id);
        return variantViews(id);
    }

    @GetMapping("/{id}/variants/{variantId}")
    @Operation(summary = "Download one variant")
    @ApiResponse(responseCode = "200", description = "The bytes, with their Content-Type",
            content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @ApiResponse(responseCode = "404", description = "No such image or variant (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<InputStreamResource> variant(@PathVariable UUID id, @PathVariable UUID variantId, WebRequest request) {
        Image image = find(id);
        Variant variant = catalog.variant(id, variantId);
        String name = recipes.fileName(image, variant);
        // The key names the bytes (original hash and recipe hash), so it is their entity tag.
        String etag = "\"" + variant.objectKey().replace('/', '-') + "\"";
        return download(variants, variant.objectKey(), variant.format().mediaType(), variant.bytes(), name, etag, request);
    }

    @PostMapping(path = "/{id}/jobs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Run a recipe or preset on an existing image")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the image's owner nor an admin (auth.forbidden)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "400", description = "A malformed recipe, an unknown preset, or both or neither given (recipe.invalid)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such image (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    JobView process(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody ProcessRequest request) {
        NewJob job = ingest.process(caller, id, recipes.one(request.recipe(), request.preset()));
        return queue.find(job.id()).map(JobView::of).orElseThrow(() -> new ImageNotFoundException(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an image with its variants and jobs")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the image's owner nor an admin (auth.forbidden)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such image (image.not_found)", content = @Content(mediaType = "application/problem+json"))
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        removal.delete(caller, id);
    }

    private Image find(UUID id) {
        return catalog.find(id);
    }

    private List<VariantView> variantViews(UUID id) {
        return catalog.variants(id).stream().map(v -> VariantView.of(v, recipes.presetOf(v.recipe()))).toList();
    }

    private static ResponseEntity<InputStreamResource> download(ObjectStore store, String key, String contentType,
            long length, String fileName, String etag, WebRequest request) {
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
        }
        // Written in the request's own thread, not asynchronously, so the security filters see a finished response.
        InputStreamResource body = new InputStreamResource(store.open(key));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(contentType))
                .contentLength(length)
                .eTag(etag)
                .cacheControl(IMMUTABLE)
                .header("Content-Disposition", ContentDisposition.inline().filename(fileName, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

}
