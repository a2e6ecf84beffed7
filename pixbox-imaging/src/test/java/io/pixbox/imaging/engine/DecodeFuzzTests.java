package io.pixbox.imaging.engine;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.TestImages;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.format.Mutator;
import io.pixbox.imaging.imageio.JavaEngine;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.imaging.vips.VipsEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes hundreds of damaged copies of real images with each engine, through the processor as every
 * caller does: each must give a picture or an imaging error, never another exception or a hang. A
 * crash inside libvips' native decoders would end the JVM and with it the test run. Cases alternate
 * between a full decode and libvips' shrink-on-load path. Replay a failure with
 * {@code -Dpixbox.fuzz.seed=N}.
 */
class DecodeFuzzTests {

    private static final long SEED = Long.getLong("pixbox.fuzz.seed", 20_251_122L);
    private static final int CASES = 250;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Recipe[] RECIPES = {Recipe.parse("format:png"), Recipe.parse("fit:64:64/format:jpeg")};

    private static final Map<String, byte[]> IMAGES = new LinkedHashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void gatherImages() throws IOException {
        for (String photo : new String[] {"mouse.jpg", "goldfish.png", "wood.webp"}) {
            IMAGES.put(photo, Files.readAllBytes(TestImages.photo(photo)));
        }
        IMAGES.put("goldfish.gif", TestImages.encode(TestImages.marked(96, 64), "gif"));
        var avif = new java.io.ByteArrayOutputStream();
        new ImageProcessor(VipsEngine.load(), Limits.DEFAULT)
                .process(TestImages.photo("goldfish.png"), Recipe.parse("fit:160:160/format:avif"), avif);
        IMAGES.put("goldfish.avif", avif.toByteArray());
    }

    static Stream<Arguments> enginesAndImages() {
        return Stream.of("vips", "java").flatMap(engine -> Stream.of("mouse.jpg", "goldfish.png", "wood.webp",
                "goldfish.gif", "goldfish.avif").map(image -> Arguments.of(engine, image)));
    }

    @ParameterizedTest(name = "{0} engine on damaged {1}")
    @MethodSource("enginesAndImages")
    void damagedImagesGiveAPictureOrAnImagingError(String engineName, String image) {
        ImageEngine engine = engineName.equals("vips") ? VipsEngine.load() : new JavaEngine();
        ImageProcessor processor = new ImageProcessor(engine, Limits.DEFAULT.withTimeout(Duration.ofSeconds(10)));
        Mutator mutator = new Mutator(IMAGES.get(image));
        long seed = SEED ^ (engineName + image).hashCode();
        Random random = new Random(seed);

        assertTimeoutPreemptively(RUN_TIMEOUT, () -> {
            Path file = dir.resolve(engineName + "-" + image);
            for (int i = 0; i < CASES; i++) {
                Mutator.Mutant mutant = mutator.mutate(random);
                Files.write(file, mutant.bytes());
                try {
                    processor.process(file, RECIPES[i % RECIPES.length], OutputStream.nullOutputStream());
                } catch (ImagingException expected) {
                    // refused or failed cleanly, with a code the caller can act on
                } catch (Throwable e) {
                    fail("seed " + seed + ", case " + i + " (" + mutant.description() + "): " + e, e);
                }
            }
        }, () -> "seed " + seed + ": " + CASES + " cases of " + image + " did not finish within " + RUN_TIMEOUT);
    }
}
