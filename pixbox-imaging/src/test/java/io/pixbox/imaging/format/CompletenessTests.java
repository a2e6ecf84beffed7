package io.pixbox.imaging.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link ImageProbe#probeComplete} tells whole files from truncated ones without decoding them. */
class CompletenessTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mouse.jpg", "goldfish.png", "wood.webp"})
    void acceptsWholePhotos(String name) throws IOException {
        // when
        ImageInfo info = ImageProbe.probeComplete(TestImages.photo(name), Limits.DEFAULT);

        // then
        assertThat(info.width()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mouse.jpg", "goldfish.png", "wood.webp"})
    void refusesPhotosCutShort(String name) throws IOException {
        // given: the header is intact, the pixel data stops at 70 %
        byte[] whole = Files.readAllBytes(TestImages.photo(name));
        Path cut = write(name, Arrays.copyOf(whole, whole.length * 7 / 10));

        // when, then
        assertThatThrownBy(() -> ImageProbe.probeComplete(cut, Limits.DEFAULT))
                .isInstanceOf(CorruptImage.class)
                // WebP's header states its length, so the header reader already tells; the others end early
                .hasMessageMatching("corrupt \\w+: (the file ends early \\(truncated\\?\\)|the RIFF header says .*)");
    }

    @Test
    void toleratesBytesAfterTheEndOfAJpeg() throws IOException {
        // given: some cameras append data after the end-of-image marker
        byte[] whole = Files.readAllBytes(TestImages.photo("mouse.jpg"));
        byte[] padded = Arrays.copyOf(whole, whole.length + 4096);
        Arrays.fill(padded, whole.length, padded.length, (byte) 0x55);

        // when, then
        assertThat(ImageProbe.probeComplete(write("padded.jpg", padded), Limits.DEFAULT).format())
                .isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void tellsAWholeGifFromACutOne() throws IOException {
        // given
        byte[] gif = TestImages.encode(TestImages.noise(64, 64, 7), "gif");

        // when, then
        assertThat(ImageProbe.probeComplete(write("whole.gif", gif), Limits.DEFAULT).format()).isEqualTo(ImageFormat.GIF);
        assertThatThrownBy(() -> ImageProbe.probeComplete(write("cut.gif", Arrays.copyOf(gif, gif.length - 10)),
                Limits.DEFAULT)).isInstanceOf(CorruptImage.class);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
