package io.pixbox.server.storageevents;

import io.pixbox.server.account.Account;
import io.pixbox.server.account.Accounts;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.ImageRemoval;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.RejectedUpload;
import io.pixbox.server.image.Upload;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import io.pixbox.server.storage.StorageProperties;
import io.pixbox.server.storage.StoredObject;
import io.pixbox.server.storageevents.BucketObject.State;
import io.pixbox.server.upload.DirectUpload;
import io.pixbox.server.upload.UploadException;
import io.pixbox.server.upload.Uploads;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the images in line with the originals store after a storage event: an object that is there becomes an
 * image (once per version of it), an object that is gone takes its image with it. An event is only a hint to look:
 * what the store holds now decides, so repeated and out-of-order events do no harm. Pixbox's own objects (originals
 * under their content hash) are left alone; a direct upload's staging object completes that upload.
 */
@Service
public class BucketSync {

    private static final Logger log = LoggerFactory.getLogger(BucketSync.class);

    /** The keys Pixbox writes originals under itself: {@code 3f/3fa2…e1.jpg}. */
    private static final Pattern CONTENT_KEY = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{64}(\\.[a-z0-9]+)?(/.*)?");
    /** Who acts when a storage event removes an image: no account, with an admin's rights. */
    private static final Caller STORE = new Caller(new UUID(0, 0), "storage-events", true);

    private final BucketObjects objects;
    private final ObjectStore originals;
    private final StorageProperties.Location location;
    private final Ingest ingest;
    private final ImageRemoval removal;
    private final Uploads uploads;
    private final Accounts accounts;
    private final StorageEventProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry metrics;

    BucketSync(BucketObjects objects, ObjectStores stores, StorageProperties storage, Ingest ingest,
               ImageRemoval removal, Uploads uploads, Accounts accounts, StorageEventProperties settings,
               TransactionTemplate transactions, Clock clock, MeterRegistry metrics) {
        this.objects = objects;
        this.originals = stores.originals();
        this.location = storage.originals();
        this.ingest = ingest;
        this.removal = removal;
        this.uploads = uploads;
        this.accounts = accounts;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Acts on one event. A failure to reach the store or the database is thrown, for the event to be delivered
     * again; an object that is not a good image is recorded as rejected and is not.
     */
    public void handle(StorageEvent event) {
        if (!event.bucket().equals(location.bucket()) || !event.key().startsWith(location.prefix())) {
            log.debug("Ignoring {} of {}/{}: not in the originals store", event.kind(), event.bucket(), event.key());
            count("ignored");
            return;
        }
        String key = event.key().substring(location.prefix().length());
        if (CONTENT_KEY.matcher(key).matches()) {
            count("own");
            return;
        }
        if (key.startsWith(DirectUpload.STAGING_PREFIX)) {
            completeUpload(event, key.substring(DirectUpload.STAGING_PREFIX.length()));
            return;
        }
        reconcile(key);
    }

    private void completeUpload(StorageEvent event, String id) {
        if (event.kind() == StorageEvent.Kind.REMOVED) {
            count("own");
            return;
        }
        try {
            uploads.completeStored(UUID.fromString(id));
            count("upload");
        } catch (IllegalArgumentException | UploadException e) {
            // Not an upload Pixbox started (or one deleted with its account): someone else's object in our prefix.
            log.info("Ignoring {} under the direct uploads' prefix: no such upload", event.key());
            count("ignored");
        }
    }

    private void reconcile(String key) {
        String result = transactions.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            BucketObject record = objects.lock(key, now);
            Optional<StoredObject> object;
            try {
                object = originals.stat(key);
            } catch (IllegalArgumentException e) {
                objects.update(key, null, null, State.REJECTED, "storage.unsupported_key", e.getMessage(), null, now);
                return "rejected";
            }
            if (object.isEmpty()) {
                removeImage(record);
                objects.update(key, null, null, State.REMOVED, null, null, null, now);
                return record.imageId() == null ? "unchanged" : "removed";
            }
            String version = object.get().length() + "@" + object.get().lastModified();
            if (version.equals(record.version()) && record.state() != State.REMOVED) {
                return "unchanged";
            }
            // A new object, or new bytes under a key already taken in: the old image goes, the new one comes.
            removeImage(record);
            Optional<Account> owner = owner();
            if (owner.isEmpty()) {
                objects.update(key, version, object.get().length(), State.REJECTED, "storage.no_owner",
                        "no account to own images made of objects put into the bucket: register one, or name one in "
                                + "pixbox.storage-events.owner (PIXBOX_STORAGEEVENTS_OWNER)", null, now);
                return "rejected";
            }
            try {
                String fileName = Upload.safeFileName(key);
                UUID image = ingest.ingestStored(key, fileName, List.of(), owner.get().id()).image().id();
                objects.update(key, version, object.get().length(), State.IMPORTED, null, null, image, now);
                return "imported";
            } catch (RejectedUpload e) {
                objects.update(key, version, object.get().length(), State.REJECTED, e.reason().code(),
                        e.reason().getMessage(), null, now);
                log.info("Not taking in {} from the bucket: {}", key, e.reason().getMessage());
                return "rejected";
            }
        });
        count(result);
    }

    /**
     * What became of the objects events reported, in key order, for an admin: to see which were rejected and why.
     *
     * @throws io.pixbox.server.account.ForbiddenException unless the caller is an admin
     */
    public List<BucketObject> objects(Caller caller, Optional<State> state, String afterKey, int limit) {
        if (!caller.admin()) {
            throw new io.pixbox.server.account.ForbiddenException("only an admin may list the bucket's objects");
        }
        return objects.page(state, afterKey == null ? "" : afterKey, limit);
    }

    private void removeImage(BucketObject record) {
        if (record.imageId() == null) {
            return;
        }
        try {
            removal.delete(STORE, record.imageId());
        } catch (ImageNotFoundException e) {
            // deleted through the API meanwhile
        }
    }

    private Optional<Account> owner() {
        return settings.owner() == null || settings.owner().isBlank() ? accounts.firstAdmin()
                : accounts.findByUsername(settings.owner());
    }

    private void count(String result) {
        metrics.counter("pixbox.storage_events", "result", result).increment();
    }
}
