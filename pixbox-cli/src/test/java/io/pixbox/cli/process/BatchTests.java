package io.pixbox.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pixbox.cli.process.Outcome.Failed;
import io.pixbox.cli.process.Outcome.Written;
import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch logic with a stand-in for the engine that copies its input and calls it PNG. */
class BatchTests {

    @TempDir
    Path temp;

    private final StringWriter progress = new StringWriter();

    @Test
    void writesEachResultUnderItsBaseNameWithTheExtensionOfTheFormatWritten() throws Exception {
        // given
        Path photo = file("in/photo.jpg", "pixels");
        Path out = directory("out");

        // when
        Summary summary = batch(out, copyAsPng()).run(List.of(photo), plainProgress());

        // then
        assertThat(summary.written()).singleElement().satisfies(written -> {
            assertThat(written.output()).isEqualTo(out.resolve("photo.png"));
            assertThat(written.bytesIn()).isEqualTo(6);
            assertThat(written.renamed()).isFalse();
        });
        assertThat(out.resolve("photo.png")).hasContent("pixels");
        assertThat(summary.bytesIn()).isEqualTo(6);
        assertThat(summary.bytesOut()).isEqualTo(6);
    }

    @Test
    void leavesNoPartialFileWhenAnImageFailsAndProcessesTheOthers() throws Exception {
        // given
        Path broken = file("in/broken.jpg", "half a picture");
        Path fine = file("in/fine.jpg", "pixels");
        Path out = directory("out");
        Batch.Job failsOnBroken = (source, sink) -> {
            sink.write(Files.readAllBytes(source));
            if (source.equals(broken)) {
                throw new CorruptImage("the JPEG data ends early");
            }
            return new ProcessedImage(ImageFormat.PNG, 1, 1, Files.size(source));
        };

        // when
        Summary summary = batch(out, failsOnBroken).run(List.of(broken, fine), plainProgress());

        // then
        assertThat(summary.failed()).containsExactly(new Failed(broken, "image.corrupt", "the JPEG data ends early"));
        assertThat(summary.written()).extracting(Written::input).containsExactly(fine);
        assertThat(files(out)).containsExactly("fine.png");
        assertThat(progress.toString()).isEqualTo("pixbox: failed: " + broken
                + ": the JPEG data ends early [image.corrupt]" + System.lineSeparator());
    }

    @Test
    void reportsAnUnexpectedErrorAsAFailureOfThatImage() throws Exception {
        // given
        Path photo = file("in/photo.jpg", "pixels");
        Batch.Job brokenEngine = (source, sink) -> {
            throw new IllegalStateException("a bug in the engine");
        };

        // when
        Summary summary = batch(directory("out"), brokenEngine).run(List.of(photo), plainProgress());

        // then
        assertThat(summary.failed()).singleElement().satisfies(failed -> {
            assertThat(failed.code()).isEqualTo("internal.error");
            assertThat(failed.reason()).contains("a bug in the engine");
        });
    }

    @Test
    void suffixesLaterInputsWithTheSameNameInInputOrder() throws Exception {
        // given
        Path first = file("a/photo.jpg", "first");
        Path second = file("b/photo.jpg", "second");
        Path third = file("c/Photo.png", "third");
        Path out = directory("out");

        // when
        Summary summary = batch(out, copyAsPng()).run(List.of(first, second, third), plainProgress());

        // then
        assertThat(summary.written()).extracting(Written::output, Written::renamed).containsExactly(
                tuple(out.resolve("photo.png"), false),
                tuple(out.resolve("photo-2.png"), true),
                tuple(out.resolve("Photo-3.png"), true));
        assertThat(out.resolve("photo-2.png")).hasContent("second");
    }

    @Test
    void neverReplacesAnInput() throws Exception {
        // given
        Path photo = file("photos/photo.png", "original");

        // when
        Summary summary = batch(temp.resolve("photos"), copyAsPng()).run(List.of(photo), plainProgress());

        // then
        assertThat(summary.failed()).singleElement().extracting(Failed::code).isEqualTo("output.is_input");
        assertThat(photo).hasContent("original");
        assertThat(files(temp.resolve("photos"))).containsExactly("photo.png");
    }

    @Test
    void replacesTheOutputOfAnEarlierRun() throws Exception {
        // given
        Path photo = file("in/photo.jpg", "new");
        Path out = directory("out");
        Files.writeString(out.resolve("photo.png"), "old");

        // when
        batch(out, copyAsPng()).run(List.of(photo), plainProgress());

        // then
        assertThat(out.resolve("photo.png")).hasContent("new");
    }

    @Test
    void processesManyImagesOnSeveralThreads() throws Exception {
        // given
        Path out = directory("out");
        List<Path> photos = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            photos.add(file("in/photo" + i + ".jpg", "pixels " + i));
        }

        // when
        Summary summary = new Batch(out, 4, copyAsPng()).run(photos, plainProgress());

        // then
        assertThat(summary.written()).hasSize(50).extracting(Written::input).containsExactlyElementsOf(photos);
        assertThat(files(out)).hasSize(50);
    }

    private Batch batch(Path out, Batch.Job job) {
        return new Batch(out, 2, job);
    }

    private Progress plainProgress() {
        return new Progress(new PrintWriter(progress, true), false, System::nanoTime);
    }

    private static Batch.Job copyAsPng() {
        return (source, sink) -> {
            byte[] bytes = Files.readAllBytes(source);
            sink.write(bytes);
            return new ProcessedImage(ImageFormat.PNG, 1, 1, bytes.length);
        };
    }

    private Path file(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
