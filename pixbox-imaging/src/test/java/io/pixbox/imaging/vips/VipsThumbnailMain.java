package io.pixbox.imaging.vips;

import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Recipe;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run by {@link VipsMemoryIntegrationTests} in a JVM of its own: makes a {@code fit:400:400} JPEG
 * of a large square JPEG, then prints what it wrote and its peak resident memory.
 *
 * <p>Arguments: the source file, its width and height, the output file.
 */
public final class VipsThumbnailMain {

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        ImageInfo info = new ImageInfo(ImageFormat.JPEG, Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1, 1);
        ProcessedImage result;
        try (OutputStream out = Files.newOutputStream(Path.of(args[3]))) {
            result = VipsEngine.load().process(source, info, Recipe.parse("fit:400:400"),
                    Deadline.after(Duration.ofMinutes(2)), out);
        }
        String peak = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).findFirst().orElse("VmHWM: unknown");
        System.out.println(result.width() + "x" + result.height() + " " + result.bytes() + " bytes, "
                + peak.replaceAll("\\s+", " "));
    }
}
