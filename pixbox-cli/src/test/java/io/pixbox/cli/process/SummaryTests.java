package io.pixbox.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.cli.process.Outcome.Failed;
import io.pixbox.cli.process.Outcome.Written;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTests {

    private final Summary summary = new Summary(List.of(
            new Written(Path.of("a/mouse.jpg"), Path.of("out/mouse.jpg"), 200_000,
                    new ProcessedImage(ImageFormat.JPEG, 256, 160, 20_000), false),
            new Written(Path.of("b/mouse.jpg"), Path.of("out/mouse-2.jpg"), 300_000,
                    new ProcessedImage(ImageFormat.JPEG, 256, 160, 30_000), true),
            new Failed(Path.of("notes.jpg"), "image.unsupported_format", "not an image: \"text\"")),
            Duration.ofMillis(1500));

    @Test
    void countsWhatWasDoneAndHowFast() {
        assertThat(summary.written()).hasSize(2);
        assertThat(summary.failed()).hasSize(1);
        assertThat(summary.bytesIn()).isEqualTo(500_000);
        assertThat(summary.bytesOut()).isEqualTo(50_000);
        assertThat(summary.imagesPerSecond()).isEqualTo(2.0);
    }

    @Test
    void tellsPeopleWhatFailedWhyAndWhatWasRenamed() {
        assertThat(summary.text().lines()).containsExactly(
                "2 done, 1 failed, of 3 images in 1.50 s (2.0 img/s)",
                "bytes: 488.3 KiB in, 48.8 KiB out",
                "renamed, as another input has the same name:",
                "  " + Path.of("b/mouse.jpg") + " -> " + Path.of("out/mouse-2.jpg"),
                "failed:",
                "  notes.jpg: not an image: \"text\" [image.unsupported_format]");
    }

    @Test
    void tellsScriptsTheSameAsJson() {
        assertThat(summary.json()).isEqualToIgnoringNewLines("{\"done\":2,\"failed\":1,\"bytesIn\":500000,"
                + "\"bytesOut\":50000,\"elapsedSeconds\":1.500,\"imagesPerSecond\":2.00,\"images\":["
                + "{\"input\":\"a/mouse.jpg\",\"output\":\"out/mouse.jpg\",\"format\":\"jpeg\",\"width\":256,"
                + "\"height\":160,\"bytesIn\":200000,\"bytesOut\":20000,\"renamed\":false},"
                + "{\"input\":\"b/mouse.jpg\",\"output\":\"out/mouse-2.jpg\",\"format\":\"jpeg\",\"width\":256,"
                + "\"height\":160,\"bytesIn\":300000,\"bytesOut\":30000,\"renamed\":true}],"
                + "\"failures\":[{\"input\":\"notes.jpg\",\"code\":\"image.unsupported_format\","
                + "\"reason\":\"not an image: \\\"text\\\"\"}]}");
    }

    @Test
    void writesSizesInBinaryUnits() {
        assertThat(Summary.size(812)).isEqualTo("812 B");
        assertThat(Summary.size(1536)).isEqualTo("1.5 KiB");
        assertThat(Summary.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }
}
