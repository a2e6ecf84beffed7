package io.pixbox.imaging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.TestImages;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.recipe.Recipe;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ImageEngine} must do, written once and run against each engine with the same
 * photos: exact output dimensions for every operation, upright output for EXIF orientations 1–8,
 * the pixel arithmetic each operation documents, and typed errors for bad input.
 */
public abstract class ImageEngineContract {

    /** Colour operations are checked on flat colours, allowing this much rounding per channel. */
    private static final int CHANNEL_TOLERANCE = 2;

    @TempDir
    protected Path dir;

    private ImageProcessor processor;

    /** The engine under test. */
    protected abstract ImageEngine engine();

    /** The formats this engine can write; asking for any other must fail with EngineUnavailable. */
    protected abstract Set<ImageFormat> writableFormats();

    @BeforeEach
    void createProcessor() {
        processor = new ImageProcessor(engine(), Limits.DEFAULT);
    }

    @ParameterizedTest(name = "{0} on {1} gives {2}x{3}")
    @CsvSource(delimiter = '|', textBlock = """
            fit:400:400                         | mouse.jpg    | 400  | 250
            fit:1000:1000                       | mouse.jpg    | 800  | 500
            fit:100:400                         | goldfish.png | 100  | 66
            fit:300:300                         | wood.webp    | 300  | 300
            fill:300:300                        | mouse.jpg    | 300  | 300
            fill:300:300:attention              | mouse.jpg    | 300  | 300
            fill:1200:100                       | wood.webp    | 1200 | 100
            fill:50:80:attention                | goldfish.png | 50   | 80
            crop:10:20:200:100                  | mouse.jpg    | 200  | 100
            crop:0:0:800:500                    | mouse.jpg    | 800  | 500
            rotate:90                           | mouse.jpg    | 500  | 800
            rotate:180                          | mouse.jpg    | 800  | 500
            rotate:270                          | goldfish.png | 396  | 600
            flip:h                              | mouse.jpg    | 800  | 500
            flip:v                              | wood.webp    | 512  | 512
            grayscale                           | mouse.jpg    | 800  | 500
            sepia                               | goldfish.png | 600  | 396
            blur:2.5                            | mouse.jpg    | 800  | 500
            sharpen                             | mouse.jpg    | 800  | 500
            sharpen:2                           | wood.webp    | 512  | 512
            brightness:1.2                      | mouse.jpg    | 800  | 500
            contrast:1.3                        | mouse.jpg    | 800  | 500
            saturation:0.5                      | goldfish.png | 600  | 396
            invert                              | mouse.jpg    | 800  | 500
            rotate:90/crop:0:0:500:10           | mouse.jpg    | 500  | 10
            crop:100:0:400:400/rotate:90/fit:100:100 | mouse.jpg | 100 | 100
            grayscale/fit:200:200/sharpen       | wood.webp    | 200  | 200
            """)
    void producesTheDocumentedSize(String recipe, String photo, int width, int height) throws IOException {
        Path out = dir.resolve("out.png");

        ProcessedImage result = process(TestImages.photo(photo), recipe + "/format:png", out);

        BufferedImage image = read(out);
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(width, height);
        assertThat(result).isEqualTo(new ProcessedImage(ImageFormat.PNG, width, height, Files.size(out)));
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void writesEveryFormatItSupportsAndRefusesTheOthersNamingLibvips(ImageFormat format) throws IOException {
        Path out = dir.resolve("out." + format.extension());
        String recipe = "fit:200:200/format:" + format.recipeName();

        if (writableFormats().contains(format)) {
            ProcessedImage result = process(TestImages.photo("mouse.jpg"), recipe, out);

            assertThat(TestImages.sniff(Files.readAllBytes(out))).isEqualTo(format);
            assertThat(result).isEqualTo(new ProcessedImage(format, 200, 125, Files.size(out)));
        } else {
            assertThatThrownBy(() -> process(TestImages.photo("mouse.jpg"), recipe, out))
                    .isInstanceOf(ImagingException.EngineUnavailable.class)
                    .hasMessageContaining(format.recipeName())
                    .hasMessageContaining("libvips");
        }
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void turnsEveryExifOrientationUpright(int orientation) throws IOException {
        Path source = write("oriented.jpg", TestImages.orientedJpeg(orientation, 120, 80));

        process(source, "format:png", dir.resolve("out.png"));

        BufferedImage image = read(dir.resolve("out.png"));
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(120, 80);
        assertThat(TestImages.markedCorner(image)).isEqualTo("top-left");
        assertThat(new Color(image.getRGB(image.getWidth() - 3, 2)).getBlue()).isGreaterThan(180);
    }

    @Test
    void leavesTheStoredOrientationAloneWhenAskedTo() throws IOException {
        Path source = write("oriented.jpg", TestImages.orientedJpeg(6, 120, 80));

        process(source, "no-orient/format:png", dir.resolve("out.png"));

        BufferedImage image = read(dir.resolve("out.png"));
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(80, 120);
    }

    @Test
    void rotatesClockwiseAndFlipsAlongTheNamedAxis() throws IOException {
        Path source = write("marked.png", TestImages.encode(TestImages.marked(60, 40), "png"));

        assertThat(cornerAfter(source, "rotate:90")).isEqualTo("top-right");
        assertThat(cornerAfter(source, "rotate:180")).isEqualTo("bottom-right");
        assertThat(cornerAfter(source, "rotate:270")).isEqualTo("bottom-left");
        assertThat(cornerAfter(source, "flip:h")).isEqualTo("top-right");
        assertThat(cornerAfter(source, "flip:v")).isEqualTo("bottom-left");
        assertThat(cornerAfter(source, "crop:0:0:30:20")).isEqualTo("top-left");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invert          | 245 | 155 | 55
            grayscale       | 84  | 84  | 84
            brightness:1.5  | 15  | 150 | 255
            contrast:2      | 0   | 72  | 255
            saturation:0    | 84  | 84  | 84
            saturation:2    | 0   | 116 | 255
            sepia           | 119 | 106 | 82
            """)
    void appliesTheDocumentedArithmeticToColours(String recipe, int red, int green, int blue) throws IOException {
        Path source = write("flat.png", TestImages.encode(TestImages.solid(40, 30, new Color(10, 100, 200)), "png"));

        process(source, recipe + "/format:png", dir.resolve("out.png"));

        assertClose(TestImages.samples(read(dir.resolve("out.png")), 20, 15), red, green, blue);
    }

    @Test
    void blurSoftensAnEdgeAndSharpenStrengthensIt() throws IOException {
        Path hard = write("hard.png", TestImages.encode(TestImages.edge(64, 32, 1), "png"));
        Path soft = write("soft.png", TestImages.encode(TestImages.edge(64, 32, 8), "png"));

        assertThat(edgeStep(hard, "blur:3/format:png")).isLessThan(edgeStep(hard, "format:png") / 2);
        assertThat(edgeStep(soft, "sharpen:2/format:png")).isGreaterThan(edgeStep(soft, "format:png"));
    }

    @Test
    void flattensTransparencyOntoWhiteForJpeg() throws IOException {
        Path source = write("half.png", TestImages.encode(TestImages.halfTransparent(40, 20, Color.RED), "png"));

        process(source, "format:jpeg/quality:95", dir.resolve("out.jpg"));

        BufferedImage image = read(dir.resolve("out.jpg"));
        assertClose(TestImages.samples(image, 5, 10), 255, 255, 255);
        assertClose(TestImages.samples(image, 35, 10), 254, 0, 0, 12);
    }

    @Test
    void stripsMetadataUnlessAskedToKeepIt() throws IOException {
        Path source = write("oriented.jpg", TestImages.orientedJpeg(1, 120, 80));
        assertThat(TestImages.hasExif(Files.readAllBytes(source))).isTrue();

        process(source, "format:jpeg", dir.resolve("stripped.jpg"));
        process(source, "format:jpeg/keep-metadata", dir.resolve("kept.jpg"));

        assertThat(TestImages.hasExif(Files.readAllBytes(dir.resolve("stripped.jpg")))).isFalse();
        assertThat(TestImages.hasExif(Files.readAllBytes(dir.resolve("kept.jpg")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit:100:100/format:png", "flip:h/format:png"})
    void readsAFileWhoseNameLooksLikeLoadOptions(String recipe) throws IOException {
        Path source = write("photo[1]", Files.readAllBytes(TestImages.photo("mouse.jpg")));

        ProcessedImage result = process(source, recipe, dir.resolve("out.png"));

        assertThat(result.width()).isIn(100, 800);
    }

    @Test
    void refusesATruncatedJpegInsteadOfReturningAPartlyGreyPicture() throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.photo("mouse.jpg"));
        Path truncated = write("truncated.jpg", Arrays.copyOf(photo, photo.length / 2));

        assertThatThrownBy(() -> process(truncated, "fit:200:200", dir.resolve("out.jpg")))
                .isInstanceOf(ImagingException.CorruptImage.class)
                .satisfies(e -> assertThat(((ImagingException) e).code()).isEqualTo("image.corrupt"));
    }

    @Test
    void refusesACropOutsideTheImageNamingBothSizes() {
        assertThatThrownBy(() -> process(TestImages.photo("mouse.jpg"), "crop:700:0:200:100",
                dir.resolve("out.jpg")))
                .isInstanceOf(ImagingException.RecipeNotApplicable.class)
                .hasMessage("crop:700:0:200:100: the area 200×100 at 700,0 lies outside the 800×500 image; it must lie inside it");
    }

    @Test
    void stopsWhenTheTimeLimitPasses() throws IOException {
        Path big = write("big.png", TestImages.encode(TestImages.noise(3000, 3000, 7), "png"));
        ImageProcessor impatient = new ImageProcessor(engine(), Limits.DEFAULT.withTimeout(java.time.Duration.ofMillis(1)));

        assertThatThrownBy(() -> impatient.process(big, Recipe.parse("blur:20"), OutputStream.nullOutputStream()))
                .isInstanceOf(ImagingException.TimedOut.class);
    }

    @Test
    void canBeUsedFromManyThreadsAtOnce() throws Exception {
        Recipe recipe = Recipe.parse("fit:100:100/format:png");
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            java.util.concurrent.Callable<byte[]> task = () -> {
                var out = new ByteArrayOutputStream();
                processor.process(TestImages.photo("mouse.jpg"), recipe, out);
                return out.toByteArray();
            };
            var results = executor.invokeAll(java.util.Collections.nCopies(16, task));
            for (var result : results) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.get()));
                assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(100, 63);
            }
        }
    }

    /** Processes {@code source} into {@code out} through the processor, as every caller does. */
    protected ProcessedImage process(Path source, String recipe, Path out) throws IOException {
        try (OutputStream stream = Files.newOutputStream(out)) {
            return processor.process(source, Recipe.parse(recipe), stream);
        }
    }

    private String cornerAfter(Path source, String recipe) throws IOException {
        Path out = dir.resolve("corner.png");
        process(source, recipe + "/format:png", out);
        return TestImages.markedCorner(read(out));
    }

    private int edgeStep(Path source, String recipe) throws IOException {
        Path out = dir.resolve("edge-out.png");
        process(source, recipe, out);
        return TestImages.largestStep(read(out));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s decodes", file).isNotNull();
        return image;
    }

    private static void assertClose(int[] rgb, int red, int green, int blue) {
        assertClose(rgb, red, green, blue, CHANNEL_TOLERANCE);
    }

    private static void assertClose(int[] rgb, int red, int green, int blue, int tolerance) {
        assertThat(Math.abs(rgb[0] - red)).as("red %d vs %d", rgb[0], red).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(rgb[1] - green)).as("green %d vs %d", rgb[1], green).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(rgb[2] - blue)).as("blue %d vs %d", rgb[2], blue).isLessThanOrEqualTo(tolerance);
    }
}
