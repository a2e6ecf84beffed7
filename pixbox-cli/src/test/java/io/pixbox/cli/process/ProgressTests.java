package io.pixbox.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.cli.process.Outcome.Failed;
import io.pixbox.cli.process.Outcome.Written;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTests {

    private final StringWriter err = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void drawsABarWithCountsFailuresAndRate() {
        assertThat(Progress.bar(12, 40, 3, 8.24)).isEqualTo("[#########.....................] 12/40  3 failed  8.2 img/s");
        assertThat(Progress.bar(0, 40, 0, 0)).isEqualTo("[..............................] 0/40  0.0 img/s");
        assertThat(Progress.bar(40, 40, 0, 12)).isEqualTo("[##############################] 40/40  12.0 img/s");
    }

    @Test
    void redrawsTheBarInPlaceOnATerminalAndClearsItAtTheEnd() {
        // given
        Progress progress = new Progress(new PrintWriter(err, true), true, clock::get);
        progress.started(2);

        // when
        clock.set(1_000_000_000);
        progress.completed(written("a.jpg"));
        clock.set(2_000_000_000);
        progress.completed(written("b.jpg"));
        progress.finished();

        // then
        assertThat(err.toString()).isEqualTo(
                "\r[..............................] 0/2  0.0 img/s\033[K"
                        + "\r[###############...............] 1/2  1.0 img/s\033[K"
                        + "\r[##############################] 2/2  1.0 img/s\033[K"
                        + "\r\033[K");
    }

    @Test
    void writesOnlyALinePerFailureWhenNotOnATerminal() {
        // given
        Progress progress = new Progress(new PrintWriter(err, true), false, clock::get);
        progress.started(3);

        // when
        progress.completed(written("a.jpg"));
        progress.completed(new Failed(Path.of("notes.jpg"), "image.unsupported_format", "not an image"));
        progress.completed(written("b.jpg"));
        progress.finished();

        // then
        assertThat(err.toString()).isEqualTo(
                "pixbox: failed: notes.jpg: not an image [image.unsupported_format]" + System.lineSeparator());
    }

    private static Written written(String name) {
        return new Written(Path.of(name), Path.of("out", name), 10, new ProcessedImage(ImageFormat.JPEG, 1, 1, 5), false);
    }
}
