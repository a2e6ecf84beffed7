package io.pixbox.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps bytes under keys: the originals and the variants, never the metadata (that is the database's).
 *
 * <p>Keys are relative, {@code /}-separated paths of letters, digits and {@code . _ -}, such as
 * {@code 3f/3fa2…/thumb.jpg}; an implementation may place them under a prefix of its own. A key or listing
 * prefix that breaks this rule is refused with {@link IllegalArgumentException}, so no key can reach outside
 * the store. Every implementation passes {@code ObjectStoreContract}. Implementations must:
 * <ul>
 *   <li>make a {@code put} atomic: a reader sees the old object, or none, or the whole new one, never a part;</li>
 *   <li>make {@code put} of the same key with the same bytes harmless, so that a redelivered job may write again;</li>
 *   <li>make {@code delete} of a missing key succeed silently;</li>
 *   <li>report an object that is not there as {@link ObjectNotFoundException}, and a store that cannot
 *       be reached or fails as {@link StorageUnavailableException}, which callers treat as transient;</li>
 *   <li>be safe to call from many threads at once.</li>
 * </ul>
 */
public interface ObjectStore {

    /** Stores the file's bytes under {@code key}, replacing what was there. */
    void put(String key, Path file, String contentType);

    /**
     * Stores exactly {@code length} bytes read from {@code content} under {@code key}, replacing what was there.
     * A stream that ends sooner or fails stores nothing, leaves what was there, and throws
     * {@link StorageUnavailableException}. The caller closes {@code content}.
     */
    void put(String key, InputStream content, long length, String contentType);

    /** The bytes under {@code key}, to be closed by the caller. */
    InputStream open(String key);

    /** Copies the bytes under {@code key} into {@code target}, replacing it. */
    default void download(String key, Path target) {
        try (InputStream in = open(key)) {
            java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** What is stored under {@code key}, or empty when nothing is. */
    Optional<StoredObject> stat(String key);

    /**
     * Every object whose key starts with {@code prefix}, in key order. The content types in a listing may be
     * inferred from the keys' extensions, since neither file systems nor S3 listings carry them; {@link #stat}
     * answers the stored one.
     */
    List<StoredObject> list(String prefix);

    /** Removes the object under {@code key}; nothing happens when there is none. */
    void delete(String key);

    /** Removes every object whose key starts with {@code prefix}; answers how many were removed. */
    default int deleteAll(String prefix) {
        List<StoredObject> objects = list(prefix);
        objects.forEach(object -> delete(object.key()));
        return objects.size();
    }

    /**
     * A request that lets its holder put one object of exactly {@code length} bytes and type {@code contentType}
     * under {@code key} straight into the store, valid for {@code ttl}; empty when the store cannot hand out such
     * requests (files on Pixbox's own disk), in which case Pixbox must take the bytes itself.
     */
    default Optional<PresignedPut> presignPut(String key, String contentType, long length, java.time.Duration ttl) {
        return Optional.empty();
    }

    /** Where the bytes go, for logs and health: {@code files in /data/objects/originals}, {@code s3 bucket pixbox at …}. */
    String describe();
}
