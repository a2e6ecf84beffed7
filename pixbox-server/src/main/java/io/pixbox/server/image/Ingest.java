package io.pixbox.server.image;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.format.ImageProbe;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.account.Caller;
import io.pixbox.server.imaging.DefaultPresets;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.NewJob;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.storage.ObjectNotFoundException;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.StoredObject;
import io.pixbox.server.storage.ObjectStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.nio.charset.StandardCharsets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes uploads in: checks every file before storing any, stores each original once per content hash, records
 * the images and queues one job per recipe, all in one transaction.
 */
@Service
public class Ingest {

    private final Images images;
    private final ObjectStore originals;
    private final JobQueue queue;
    private final ImageProcessor processor;
    private final DefaultPresets defaults;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Path scratch;
    private final UploadKeys keys;

    Ingest(Images images, ObjectStores stores, JobQueue queue, ImageProcessor processor, DefaultPresets defaults,
           TransactionTemplate transactions, Clock clock, MeterRegistry metrics, PixboxProperties pixbox,
           UploadKeys keys) {
        this.scratch = pixbox.dataDir().resolve("tmp");
        this.keys = keys;
        this.images = images;
        this.originals = stores.originals();
        this.queue = queue;
        this.processor = processor;
        this.defaults = defaults;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** An image as recorded, with the jobs queued for it. */
    public record Ingested(Image image, List<NewJob> jobs) {
    }

    /** The images of an upload, and whether they are an earlier upload's, answered again for its idempotency key. */
    public record Outcome(List<Ingested> images, boolean replayed) {
    }

    /**
     * Stores the uploads and queues the default presets and {@code recipes} for each.
     *
     * @throws RejectedUpload when any file is not an image Pixbox accepts or is over a limit; nothing is stored then
     */
    public List<Ingested> ingest(List<Upload> uploads, List<Recipe> recipes, UUID owner) {
        return ingest(uploads, recipes, owner, () -> true);
    }

    /**
     * As {@link #ingest(List, List, UUID)}, for a client that may go away meanwhile: asked just before the
     * transaction commits, {@code stillWanted} answering false undoes everything (the records, the jobs and any
     * bytes this upload stored) and throws {@link UploadAbandoned}.
     */
    public List<Ingested> ingest(List<Upload> uploads, List<Recipe> recipes, UUID owner, BooleanSupplier stillWanted) {
        return ingest(uploads, recipes, owner, stillWanted, Optional.empty()).images();
    }

    /**
     * As {@link #ingest(List, List, UUID, BooleanSupplier)}, once per idempotency key of the owner: an upload with
     * a key the owner used before for the same files (names and bytes) and recipes answers that upload's images,
     * with their jobs as they are now, and stores nothing; a key remembered for another upload is refused.
     *
     * @throws IdempotencyKeyReused when the key was used for other files or recipes
     * @throws IllegalArgumentException when the key is not 1 to 255 visible ASCII characters
     */
    public Outcome ingest(List<Upload> uploads, List<Recipe> recipes, UUID owner, BooleanSupplier stillWanted,
                          Optional<String> idempotencyKey) {
        Optional<String> key = idempotencyKey.map(UploadKeys::valid);
        List<Checked> checked = uploads.stream().map(this::check).toList();
        List<Recipe> toRun = distinct(recipes);
        String fingerprint = fingerprint(checked, toRun);
        if (key.isPresent()) {
            Optional<Outcome> earlier = replay(owner, key.get(), fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<Ingested> ingested;
        try {
            ingested = transactions.execute(status -> {
                // Claimed first: a concurrent retry with the key waits here, and stores nothing.
                key.ifPresent(k -> keys.claim(owner, k, fingerprint));
                List<String> stored = new ArrayList<>();
                List<Ingested> done = checked.stream().map(file -> store(file, toRun, owner, stored)).toList();
                if (!stillWanted.getAsBoolean()) {
                    // Still under the originals' row locks: no other upload of these bytes can have counted on them.
                    stored.forEach(originals::delete);
                    throw new UploadAbandoned();
                }
                key.ifPresent(k -> keys.record(owner, k, done.stream().map(d -> d.image().id()).toList()));
                return done;
            });
        } catch (DuplicateKeyException e) {
            // A retry of the same upload under the same key committed first: answer what it made.
            return key.flatMap(k -> replay(owner, k, fingerprint)).orElseThrow(() -> e);
        }
        checked.forEach(file -> metrics.counter("pixbox.uploads", "result", "accepted",
                "format", file.info().format().recipeName()).increment());
        return new Outcome(ingested, false);
    }

    /** The upload remembered under the key, if it is this one; refused if it was another. */
    private Optional<Outcome> replay(UUID owner, String key, String fingerprint) {
        return keys.find(owner, key).map(remembered -> {
            if (!remembered.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReused(key);
            }
            return new Outcome(remembered.imageIds().stream().map(id -> {
                Image image = images.find(id).orElseThrow(() -> new ImageNotFoundException(id));
                List<NewJob> jobs = queue.forImage(id).stream()
                        .map(job -> new NewJob(job.id(), id, job.recipe())).toList();
                return new Ingested(image, jobs);
            }).toList(), true);
        });
    }

    /** What makes two uploads the same one: each file's name and bytes, in order, and the recipes to run. */
    private static String fingerprint(List<Checked> files, List<Recipe> recipes) {
        StringBuilder text = new StringBuilder();
        files.forEach(file -> text.append("file ").append(file.sha256()).append(' ')
                .append(file.upload().fileName()).append('\n'));
        recipes.forEach(recipe -> text.append("recipe ").append(recipe).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Takes in an object that is already in the originals store under a key of its own (a direct upload, or one
     * that a storage event reported): checks it as an upload is checked, without reading an object over the byte
     * limit, then stores and records it as an upload. The object itself is left where it is.
     *
     * @throws RejectedUpload when the object is not an image Pixbox accepts or is over a limit
     * @throws io.pixbox.server.storage.ObjectNotFoundException when there is no object under {@code key}
     */
    public Ingested ingestStored(String key, String fileName, List<Recipe> recipes, UUID owner) {
        StoredObject object = originals.stat(key).orElseThrow(() -> new ObjectNotFoundException(
                "no object " + key + " in " + originals.describe()));
        Upload upload = new Upload(fileName, null);
        if (object.length() > processor.limits().maxBytes()) {
            throw rejected(upload, new LimitExceeded("the object is " + object.length() + " bytes; the limit is "
                    + processor.limits().maxBytes() + " bytes"), true);
        }
        Path copy = null;
        try {
            copy = Files.createTempFile(Files.createDirectories(scratch), "stored-", ".part");
            originals.download(key, copy);
            return ingest(List.of(new Upload(fileName, copy)), recipes, owner).getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + key + " to " + scratch, e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    /**
     * Queues {@code recipe} for an image that exists.
     *
     * @throws io.pixbox.server.account.ForbiddenException unless the caller owns the image or is an admin
     */
    public NewJob process(Caller caller, UUID imageId, Recipe recipe) {
        return transactions.execute(status -> {
            Image image = images.find(imageId).orElseThrow(() -> new ImageNotFoundException(imageId));
            caller.checkOwnerOrAdmin(image.ownerId(), "image " + imageId);
            NewJob job = new NewJob(UUID.randomUUID(), imageId, recipe.toString());
            queue.enqueue(List.of(job));
            return job;
        });
    }

    private record Checked(Upload upload, ImageInfo info, String sha256, long bytes) {
    }

    private Checked check(Upload upload) {
        try {
            long bytes = Files.size(upload.file());
            if (bytes > processor.limits().maxBytes()) {
                throw rejected(upload, new LimitExceeded("file is " + bytes + " bytes; the limit is "
                        + processor.limits().maxBytes() + " bytes"), true);
            }
            ImageInfo info = ImageProbe.probeComplete(upload.file(), processor.limits());
            return new Checked(upload, info, sha256(upload), bytes);
        } catch (ImagingException e) {
            throw rejected(upload, e, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded " + upload.fileName(), e);
        }
    }

    private RejectedUpload rejected(Upload upload, ImagingException reason, boolean overByteLimit) {
        metrics.counter("pixbox.uploads", "result", "rejected", "format", "none").increment();
        return new RejectedUpload(upload.fileName(), reason, overByteLimit);
    }

    private Ingested store(Checked file, List<Recipe> recipes, UUID owner, List<String> stored) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = ContentKeys.original(file.sha256(), file.info().format());
        images.insertOriginalIfAbsent(file.sha256(), key, file.info().format(), file.bytes(), file.info().width(),
                file.info().height(), now);
        images.lockOriginal(file.sha256());
        // Under the lock, so that removing the last image with these bytes cannot delete them meanwhile.
        if (originals.stat(key).isEmpty()) {
            originals.put(key, file.upload().file(), file.info().format().mediaType());
            stored.add(key);
            metrics.counter("pixbox.storage.bytes", "kind", "original").increment(file.bytes());
        }
        UUID id = UUID.randomUUID();
        images.insert(id, owner, file.upload().fileName(), file.info().format().mediaType(), file.sha256(), now);
        List<NewJob> jobs = recipes.stream().map(recipe -> new NewJob(UUID.randomUUID(), id, recipe.toString())).toList();
        queue.enqueue(jobs);
        Image image = images.find(id).orElseThrow();
        return new Ingested(image, jobs);
    }

    /** The default presets, then the requested recipes, each canonical recipe once. */
    private List<Recipe> distinct(List<Recipe> requested) {
        Map<String, Recipe> byText = new LinkedHashMap<>();
        defaults.recipes().values().forEach(recipe -> byText.putIfAbsent(recipe.toString(), recipe));
        requested.forEach(recipe -> byText.putIfAbsent(recipe.toString(), recipe));
        return new ArrayList<>(byText.values());
    }

    private static String sha256(Upload upload) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(upload.file()), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
