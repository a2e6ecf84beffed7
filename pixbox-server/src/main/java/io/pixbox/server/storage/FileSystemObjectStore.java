package io.pixbox.server.storage;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps objects as files under a root directory, a key's {@code /} separating directories.
 *
 * <p>A file system keeps no content type: the type reported is inferred from the key's extension (jpg and jpeg,
 * png, webp, avif, gif; anything else is {@code application/octet-stream}) and the one given to {@code put} is
 * ignored. A write goes to a {@code ~….part} file beside its target and is renamed over it when complete; keys
 * cannot contain {@code ~}, so listings never show such a file, even one a crash left behind. Unlike S3, a key
 * here cannot be both an object and the directory of others ({@code a} and {@code a/b}).
 */
final class FileSystemObjectStore implements ObjectStore {

    private final Path root;

    FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file, String contentType) {
        ObjectKeys.requireValid(key);
        try (InputStream content = Files.newInputStream(file)) {
            put(key, content, Files.size(file), contentType);
        } catch (IOException e) {
            throw unavailable("store", key, e);
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        Path target = pathOf(key);
        Path part = null;
        try {
            part = newPart(target.getParent());
            try (FileChannel channel = FileChannel.open(part, WRITE);
                    InputStream exact = new ExactLengthInputStream(content, length)) {
                exact.transferTo(Channels.newOutputStream(channel));
                // On disk before the rename, so that a crash cannot leave an empty file under the key.
                channel.force(false);
            }
            Files.move(part, target, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            throw unavailable("store", key, e);
        } finally {
            deleteLeftover(part);
        }
    }

    @Override
    public InputStream open(String key) {
        Path path = pathOf(key);
        try {
            // A directory is where other keys live, not an object.
            if (!Files.isDirectory(path)) {
                return Files.newInputStream(path);
            }
        } catch (NoSuchFileException e) {
            // reported below, as for a directory
        } catch (IOException e) {
            throw unavailable("read", key, e);
        }
        throw new ObjectNotFoundException("no object " + key + " in " + describe());
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path path = pathOf(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(stored(key, attributes)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("stat", key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        // Only the directory the prefix names needs walking: 3f/3fa starts in 3f.
        Path start = root.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
        List<StoredObject> objects = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = keyOf(file);
                    if (attributes.isRegularFile() && key.startsWith(prefix) && ObjectKeys.isValid(key)) {
                        objects.add(stored(key, attributes));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // Gone since its directory was read: deleted or pruned meanwhile, or no such prefix at all.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw unavailable("list", prefix + "*", e);
        }
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String key) {
        Path path = pathOf(key);
        try {
            if (!Files.isDirectory(path) && Files.deleteIfExists(path)) {
                pruneEmptyDirectories(path.getParent());
            }
        } catch (IOException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public String describe() {
        return "files in " + root;
    }

    /** Fails unless the root is a directory this process may write to; the health check. */
    void checkWritable() {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new StorageUnavailableException(root + " is not a directory Pixbox may write to", null);
        }
    }

    private Path pathOf(String key) {
        return root.resolve(ObjectKeys.requireValid(key));
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** A new, empty part file in {@code directory}, which is created first when missing. */
    private static Path newPart(Path directory) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(directory);
            try {
                return Files.createFile(directory.resolve("~" + UUID.randomUUID() + ".part"));
            } catch (NoSuchFileException e) {
                // A concurrent delete pruned the directory between its creation and ours: create it again.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Removes the part file of a write that failed; after a rename there is none left. */
    private static void deleteLeftover(Path part) {
        try {
            if (part != null) {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            // Listings ignore part files, so one that cannot be removed costs only its space.
        }
    }

    /** Removes {@code directory} and its parents up to the root, as long as they are empty. */
    private void pruneEmptyDirectories(Path directory) throws IOException {
        for (Path dir = directory; !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // pruned by a concurrent delete: its parent may be empty now too
            }
        }
    }

    private static StoredObject stored(String key, BasicFileAttributes attributes) {
        return new StoredObject(key, attributes.size(), ContentTypes.fromKey(key),
                attributes.lastModifiedTime().toInstant());
    }

    private StorageUnavailableException unavailable(String action, String key, IOException e) {
        return new StorageUnavailableException("cannot " + action + " " + key + " in " + describe() + ": " + e, e);
    }
}
