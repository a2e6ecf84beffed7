package io.pixbox.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTests {

    @TempDir
    Path temp;

    @Test
    void expandsDirectoriesRecursivelyShallowestFirstThenByNameWhateverTheExtension() throws IOException {
        // given
        Path photos = temp.resolve("photos");
        Path b = file("photos/b.jpg");
        Path a = file("photos/2024/a.png");
        Path notes = file("photos/notes.txt");

        // when
        List<Path> inputs = Inputs.expand(List.of(photos), temp.resolve("out"));

        // then
        assertThat(inputs).containsExactly(b, notes, a);
    }

    @Test
    void skipsHiddenFilesAndDirectories() throws IOException {
        // given
        Path photo = file("photos/photo.jpg");
        file("photos/.DS_Store");
        file("photos/.thumbnails/photo.jpg");

        // when
        List<Path> inputs = Inputs.expand(List.of(temp.resolve("photos")), temp.resolve("out"));

        // then
        assertThat(inputs).containsExactly(photo);
    }

    @Test
    void skipsTheOutputDirectorySoEarlierResultsAreNotProcessedAgain() throws IOException {
        // given
        Path photo = file("photos/photo.jpg");
        file("photos/thumbs/photo.jpg");

        // when
        List<Path> inputs = Inputs.expand(List.of(temp.resolve("photos")), temp.resolve("photos/thumbs"));

        // then
        assertThat(inputs).containsExactly(photo);
    }

    @Test
    void takesAFileNamedTwiceOnce() throws IOException {
        // given
        Path photo = file("photos/photo.jpg");

        // when
        List<Path> inputs = Inputs.expand(List.of(photo, temp.resolve("photos")), temp.resolve("out"));

        // then
        assertThat(inputs).containsExactly(photo);
    }

    @Test
    void rejectsAPathThatDoesNotExist() {
        assertThatThrownBy(() -> Inputs.expand(List.of(temp.resolve("nope.jpg")), temp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such file or directory: " + temp.resolve("nope.jpg"));
    }

    private Path file(String name) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, name);
    }
}
