package io.pixbox.cli.process;

import io.pixbox.imaging.engine.ProcessedImage;
import java.nio.file.Path;

/** What became of one input. */
sealed interface Outcome {

    Path input();

    /**
     * The input was processed and its result moved into place.
     *
     * @param bytesIn the size of the input
     * @param renamed whether the output carries a {@code -2}-style suffix because another input has the same name
     */
    record Written(Path input, Path output, long bytesIn, ProcessedImage image, boolean renamed) implements Outcome {
    }

    /** The input was not processed, for the reason given; no output was left behind. */
    record Failed(Path input, String code, String reason) implements Outcome {
    }
}
