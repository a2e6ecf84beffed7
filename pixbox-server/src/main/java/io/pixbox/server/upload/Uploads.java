package io.pixbox.server.upload;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.RejectedUpload;
import io.pixbox.server.image.Upload;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import io.pixbox.server.storage.PresignedPut;
import io.pixbox.server.storage.StoredObject;
import io.pixbox.server.upload.DirectUpload.State;
import io.pixbox.server.upload.UploadException.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Direct uploads: hands out a signed request to put one original straight into the store, then, when the client
 * or a storage event says the bytes are there (whichever comes first, once), checks the object and makes an image
 * of it; an object that is not a good image is deleted and the upload failed with the reason.
 */
@Service
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final int SWEEP_BATCH = 100;

    private final DirectUploads uploads;
    private final Ingest ingest;
    private final ObjectStore originals;
    private final ImageProcessor processor;
    private final UploadProperties settings;
    private final UploadSigner signer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry metrics;

    Uploads(DirectUploads uploads, Ingest ingest, ObjectStores stores, ImageProcessor processor,
            UploadProperties settings, UploadSigner signer, TransactionTemplate transactions, Clock clock,
            MeterRegistry metrics) {
        this.uploads = uploads;
        this.ingest = ingest;
        this.originals = stores.originals();
        this.processor = processor;
        this.settings = settings;
        this.signer = signer;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** An upload just started, with the request that puts its bytes. */
    public record Started(DirectUpload upload, PresignedPut request) {
    }

    /**
     * Records an upload of one file of {@code bytes} bytes and type {@code contentType} and signs the request that
     * puts it: straight to the store when it can sign one, else to Pixbox at {@code base}.
     *
     * @throws UploadException when the type is not an image type Pixbox accepts or the size is over the limit
     */
    public Started start(Caller caller, String fileName, String contentType, long bytes, List<Recipe> recipes,
                         URI base) {
        String type = mediaType(contentType);
        if (bytes < 1) {
            throw new UploadException(Kind.INVALID, "upload.invalid_size", "bytes must be the file's size, 1 or more, got "
                    + bytes);
        }
        long limit = processor.limits().maxBytes();
        if (bytes > limit) {
            throw new UploadException(Kind.TOO_LARGE, "image.too_large", "the file is " + bytes
                    + " bytes; the limit is " + limit + " bytes");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        DirectUpload upload = new DirectUpload(id, caller.id(), Upload.safeFileName(fileName), type, bytes,
                recipes.stream().map(Recipe::toString).toList(), DirectUpload.stagingKey(id), State.PENDING, null,
                null, null, now, now.plus(settings.ttl()), null);
        PresignedPut request = originals.presignPut(upload.objectKey(), type, bytes, settings.ttl())
                .orElseGet(() -> local(upload, base));
        uploads.insert(upload);
        metrics.counter("pixbox.direct_uploads", "result", "started").increment();
        return new Started(upload, request);
    }

    /** The upload, for its owner or an admin. */
    public DirectUpload get(Caller caller, UUID id) {
        DirectUpload upload = uploads.find(id).orElseThrow(() -> notFound(id));
        caller.checkOwnerOrAdmin(upload.ownerId(), "upload " + id);
        return upload;
    }

    /**
     * Takes the bytes of a request Pixbox signed itself: checks the signature, time, type and length, then stores
     * exactly those bytes under the upload's staging key.
     */
    public void receive(UUID id, long expires, String signature, String contentType, long length, InputStream body) {
        if (!signer.verify(id, expires, signature)) {
            throw new UploadException(Kind.DENIED, "upload.bad_signature",
                    "the upload request's signature does not match: use the URL that creating the upload answered");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw new UploadException(Kind.EXPIRED, "upload.expired", "upload " + id + " expired at "
                    + Instant.ofEpochSecond(expires) + ": start another");
        }
        DirectUpload upload = uploads.find(id).orElseThrow(() -> notFound(id));
        if (upload.state() == State.EXPIRED) {
            throw new UploadException(Kind.EXPIRED, "upload.expired", "upload " + id + " expired at "
                    + upload.expiresAt() + ": start another");
        }
        if (upload.state() != State.PENDING) {
            throw new UploadException(Kind.CONFLICT, "upload.finished", "upload " + id + " is " + upload.state().text()
                    + " and takes no more bytes");
        }
        if (!mediaType(contentType).equals(upload.contentType())) {
            throw new UploadException(Kind.INVALID, "upload.content_type_mismatch", "the upload was announced as "
                    + upload.contentType() + " but the request sends " + contentType);
        }
        if (length != upload.bytes()) {
            throw new UploadException(Kind.INVALID, "upload.size_mismatch", "the upload was announced as "
                    + upload.bytes() + " bytes but the request sends " + (length < 0 ? "no Content-Length" : length));
        }
        originals.put(upload.objectKey(), body, length, upload.contentType());
    }

    /**
     * Completes the upload for its owner or an admin: answers it completed with its image, or failed with the
     * reason; an upload that has ended already is answered as it is.
     *
     * @throws UploadException when its bytes have not arrived yet (it stays pending) or there is no such upload
     */
    public DirectUpload complete(Caller caller, UUID id) {
        get(caller, id);
        return finish(id, true).orElseThrow();
    }

    /** Completes the upload whose staging object a storage event reported, unless it has ended already. */
    public void completeStored(UUID id) {
        finish(id, false);
    }

    /** Expires pending uploads whose time ran out, removing whatever was put for them; answers how many. */
    public int sweepExpired() {
        List<UUID> expired = uploads.expiredBefore(clock.instant(), SWEEP_BATCH);
        int swept = 0;
        for (UUID id : expired) {
            DirectUpload upload = transactions.execute(status -> {
                DirectUpload locked = uploads.lock(id).orElse(null);
                if (locked == null || locked.state() != State.PENDING || !clock.instant().isAfter(locked.expiresAt())) {
                    return null;
                }
                uploads.failed(id, State.EXPIRED, "upload.expired", "not completed before " + locked.expiresAt(),
                        clock.instant());
                return locked;
            });
            if (upload != null) {
                originals.delete(upload.objectKey());
                metrics.counter("pixbox.direct_uploads", "result", "expired").increment();
                swept++;
            }
        }
        return swept;
    }

    private Optional<DirectUpload> finish(UUID id, boolean bytesRequired) {
        DirectUpload done = transactions.execute(status -> {
            DirectUpload upload = uploads.lock(id).orElseThrow(() -> notFound(id));
            if (upload.state() != State.PENDING) {
                return upload;
            }
            Optional<StoredObject> object = originals.stat(upload.objectKey());
            Instant now = clock.instant();
            if (object.isEmpty() && now.isAfter(upload.expiresAt())) {
                uploads.failed(id, State.EXPIRED, "upload.expired", "not completed before " + upload.expiresAt(), now);
                return uploads.find(id).orElseThrow();
            }
            if (object.isEmpty()) {
                if (bytesRequired) {
                    throw new UploadException(Kind.CONFLICT, "upload.not_received", "nothing has been put for upload "
                            + id + " yet: PUT the file to the URL creating the upload answered, then complete it");
                }
                return upload;
            }
            // Once the bytes are there an upload completes even after its time ran out: the signed request was
            // honoured by the store, and the time limit is the request's.
            if (object.get().length() != upload.bytes()) {
                fail(upload, "upload.size_mismatch", "the object is " + object.get().length()
                        + " bytes; the upload was announced as " + upload.bytes() + " bytes", now);
            } else {
                try {
                    List<Recipe> recipes = upload.recipes().stream().map(Recipe::parse).toList();
                    UUID image = ingest.ingestStored(upload.objectKey(), upload.fileName(), recipes, upload.ownerId())
                            .image().id();
                    uploads.completed(id, image, now);
                    metrics.counter("pixbox.direct_uploads", "result", "completed").increment();
                } catch (RejectedUpload e) {
                    fail(upload, e.reason().code(), e.reason().getMessage(), now);
                }
            }
            return uploads.find(id).orElseThrow();
        });
        if (done.state() != State.PENDING) {
            // The staging copy is no longer needed: the image's original is stored under its content hash.
            originals.delete(done.objectKey());
        }
        return Optional.of(done);
    }

    private void fail(DirectUpload upload, String code, String reason, Instant now) {
        log.info("Direct upload {} ({}) failed: {}", upload.id(), upload.fileName(), reason);
        uploads.failed(upload.id(), State.FAILED, code, reason, now);
        metrics.counter("pixbox.direct_uploads", "result", "failed").increment();
    }

    private PresignedPut local(DirectUpload upload, URI base) {
        long expires = upload.expiresAt().getEpochSecond();
        URI url = base.resolve("/api/v1/uploads/" + upload.id() + "/content?expires=" + expires + "&signature="
                + signer.sign(upload.id(), expires));
        return new PresignedPut(url, Map.of("Content-Type", upload.contentType(),
                "Content-Length", Long.toString(upload.bytes())), Instant.ofEpochSecond(expires));
    }

    /** The media type without parameters, when it is one of an image format Pixbox reads. */
    private static String mediaType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(ImageFormat.values()).map(ImageFormat::mediaType).filter(type::equals).findFirst()
                .orElseThrow(() -> new UploadException(Kind.UNSUPPORTED, "image.unsupported_format",
                        "content type must be one of " + Arrays.stream(ImageFormat.values())
                                .map(ImageFormat::mediaType).collect(Collectors.joining(", "))
                                + ", got \"" + contentType + "\""));
    }

    private static UploadException notFound(UUID id) {
        return new UploadException(Kind.NOT_FOUND, "upload.not_found", "no upload " + id);
    }
}
