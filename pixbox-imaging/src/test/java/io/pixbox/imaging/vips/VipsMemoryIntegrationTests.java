package io.pixbox.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.vips.VipsFixtures.Decoded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvips' memory lives outside the Java heap, and streams: a 100-megapixel JPEG never sits decoded in memory. */
class VipsMemoryIntegrationTests {

    /** 10000 × 10000 × 3 bytes: what the whole image would take decoded. */
    private static final long DECODED_BYTES = 300_000_000L;

    @TempDir
    Path temp;

    @Test
    void aHundredMegapixelJpegBecomesAThumbnailInAJvmWithA256MibHeap() throws IOException, InterruptedException {
        // given a 10000×10000 JPEG, made by libvips without touching the Java heap
        Path source = VipsFixtures.gradient(temp.resolve("huge.jpg"), 10_000, 10_000);
        Path thumbnail = temp.resolve("thumbnail.jpg");

        // when a child JVM with -Xmx256m makes it fit:400:400
        ChildJvm child = ChildJvm.run(temp.resolve("child.log"), List.of("-Xmx256m"), VipsThumbnailMain.class,
                source.toString(), "10000", "10000", thumbnail.toString());
        String output = child.output();
        System.out.println("child JVM: " + output);

        // then
        assertThat(child.exitStatus()).as("exit status; output:%n%s", output).isZero();
        assertThat(VipsFixtures.decode(Files.readAllBytes(thumbnail)))
                .isEqualTo(new Decoded(ImageFormat.JPEG, 400, 400, 3));
        Matcher peak = Pattern.compile("VmHWM: (\\d+) kB").matcher(output);
        assertThat(peak.find()).as("peak RSS reported in:%n%s", output).isTrue();
        assertThat(Long.parseLong(peak.group(1)) * 1024).as("peak RSS of the whole child JVM")
                .isLessThan(DECODED_BYTES);
    }
}
