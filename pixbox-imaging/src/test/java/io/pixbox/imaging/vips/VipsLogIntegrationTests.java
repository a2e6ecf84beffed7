package io.pixbox.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.imaging.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvips' own warnings go to the log, not to the standard error of whatever runs Pixbox. */
class VipsLogIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void aTruncatedJpegFailsWithoutLibvipsPrintingWarnings() throws Exception {
        // given a real photo cut short: libvips warns once per damaged tile while decoding it
        byte[] photo = Files.readAllBytes(TestImages.photo("mouse.jpg"));
        Path truncated = Files.write(temp.resolve("truncated.jpg"), Arrays.copyOf(photo, photo.length / 2));

        // when a JVM of its own, whose standard error we can read, makes a thumbnail of it
        ChildJvm child = ChildJvm.run(temp.resolve("child.log"), List.of(), VipsThumbnailMain.class,
                truncated.toString(), "800", "500", temp.resolve("out.jpg").toString());

        // then it fails with the typed error, and nothing of libvips' own reaches standard error
        assertThat(child.exitStatus()).isNotZero();
        assertThat(child.output()).contains("CorruptImage").doesNotContain("VIPS-WARNING");
    }
}
