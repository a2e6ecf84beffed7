package io.pixbox.bench;

import io.pixbox.imaging.engine.ImageEngines;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.recipe.Recipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time for one engine to turn one corpus file into a 400×400 JPEG thumbnail, in process: no JVM
 * start-up, no file output, one image at a time.
 *
 * <p>Files are read from the directory in the system property {@code pixbox.corpus} (default
 * {@code /tmp/pixbox-corpus}, built by {@code shared/corpus/make-corpus.sh}); {@code -p file=…}
 * takes other names there, or absolute paths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ThumbnailBenchmark {

    static final String RECIPE = "fit:400:400/format:jpeg/quality:85";

    @Param({"vips", "java"})
    public String engine;

    /** A 3840×2400 JPEG, a 3700×2400 PNG with alpha and a 4096×4096 WebP from the corpus. */
    @Param({"rhythm.jpg", "calla.png", "pixels-l.webp"})
    public String file;

    private ImageProcessor processor;
    private Recipe recipe;
    private Path source;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Setup
    public void setUp() throws IOException {
        Path corpus = Path.of(System.getProperty("pixbox.corpus", "/tmp/pixbox-corpus"));
        source = corpus.resolve(file);
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException(source + " does not exist: build the corpus with"
                    + " shared/corpus/make-corpus.sh, or point -Dpixbox.corpus=DIR at one");
        }
        processor = new ImageProcessor(ImageEngines.select(engine), Limits.DEFAULT);
        recipe = Recipe.parse(RECIPE);
    }

    @Benchmark
    public ProcessedImage thumbnail() throws IOException {
        out.reset();
        return processor.process(source, recipe, out);
    }
}
