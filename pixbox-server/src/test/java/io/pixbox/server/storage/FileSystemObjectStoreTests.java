package io.pixbox.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSystemObjectStoreTests extends ObjectStoreContract {

    @TempDir
    Path temp;

    Path root;

    @Override
    protected ObjectStore store() {
        root = temp.resolve("objects");
        return new FileSystemObjectStore(root);
    }

    @Test
    void keepsAnObjectInTheFileItsKeyNames() {
        // when
        putBytes("3f/3fa2/thumb.jpg", bytes(10, 1), "image/jpeg");

        // then
        assertThat(root.resolve("3f").resolve("3fa2").resolve("thumb.jpg")).hasBinaryContent(bytes(10, 1));
    }

    @Test
    void keysCannotNameAFileOutsideTheRoot() {
        // when
        for (String key : new String[] {"../outside.jpg", "a/../../outside.jpg", "/outside.jpg"}) {
            assertThatThrownBy(() -> putBytes(key, bytes(10, 2), "image/jpeg"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        // then
        assertThat(temp.resolve("outside.jpg")).doesNotExist();
        assertThat(Path.of("/outside.jpg")).doesNotExist();
    }

    @Test
    void prunesTheDirectoriesADeleteLeavesEmpty() {
        // given
        putBytes("a/b/c/deep.jpg", bytes(10, 3), "image/jpeg");
        putBytes("a/near.jpg", bytes(10, 4), "image/jpeg");

        // when
        store.delete("a/b/c/deep.jpg");

        // then
        assertThat(root.resolve("a/b")).doesNotExist();
        assertThat(root.resolve("a")).isDirectory();

        // when
        store.delete("a/near.jpg");

        // then
        assertThat(root.resolve("a")).doesNotExist();
        assertThat(root).isDirectory();
    }

    @ParameterizedTest
    @CsvSource({"x.jpg, image/jpeg", "x.JPEG, image/jpeg", "x.png, image/png", "x.webp, image/webp",
            "x.avif, image/avif", "x.gif, image/gif", "x.bin, application/octet-stream",
            "jpg, application/octet-stream", "a.png/x, application/octet-stream"})
    void infersTheContentTypeFromTheKeysExtensionIgnoringTheOneGiven(String key, String contentType) {
        // when
        putBytes(key, bytes(10, 5), "text/plain");

        // then
        assertThat(store.stat(key)).hasValueSatisfying(object -> assertThat(object.contentType()).isEqualTo(contentType));
        assertThat(store.list("")).singleElement()
                .satisfies(object -> assertThat(object.contentType()).isEqualTo(contentType));
    }

    @Test
    void listingsSkipThePartFilesOfWritesInProgress() throws IOException {
        // given
        putBytes("a/done.jpg", bytes(10, 6), "image/jpeg");
        Files.write(root.resolve("a").resolve("~4b1e.part"), bytes(5, 7));

        // when, then
        assertThat(store.list("a/")).extracting(StoredObject::key).containsExactly("a/done.jpg");
    }

    @Test
    void aFailedWriteLeavesNoPartFileBehind() {
        // given
        putBytes("a/kept.jpg", bytes(10, 8), "image/jpeg");

        // when
        assertThatThrownBy(() -> store.put("a/kept.jpg", new ByteArrayInputStream(bytes(3, 9)), 10, "image/jpeg"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("content ended after 3 of the 10 bytes declared");

        // then
        assertThat(root.resolve("a")).isDirectoryContaining(path -> path.getFileName().toString().equals("kept.jpg"))
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("~"));
    }

    @Test
    void aKeyNamingADirectoryIsNoObject() {
        // given
        putBytes("a/b/c.jpg", bytes(10, 10), "image/jpeg");

        // when, then
        assertThat(store.stat("a/b")).isEmpty();
        assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(ObjectNotFoundException.class);
        store.delete("a/b");
        assertThat(store.stat("a/b/c.jpg")).isPresent();
    }

    @Test
    void describesItselfByItsRoot() {
        assertThat(store.describe()).isEqualTo("files in " + root.toAbsolutePath());
    }
}
