package io.pixbox.imaging.vips;

import static io.pixbox.imaging.vips.VipsFixtures.PHOTOS;
import static io.pixbox.imaging.vips.VipsFixtures.decode;
import static io.pixbox.imaging.vips.VipsFixtures.info;
import static io.pixbox.imaging.vips.VipsFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.RecipeNotApplicable;
import io.pixbox.imaging.ImagingException.TimedOut;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Operation.Fit;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.imaging.vips.VipsFixtures.Decoded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VipsEngineTests {

    private static final Duration GENEROUS = Duration.ofMinutes(2);

    private final VipsEngine engine = VipsEngine.load();

    @TempDir
    Path temp;

    @TempDir
    static Path shared;

    /** A recipe and the size it makes of a {@code w × h} input, worked out from Operation's documentation. */
    record Case(String recipe, BiFunction<Integer, Integer, int[]> size) {
        @Override
        public String toString() {
            return recipe;
        }
    }

    static Stream<Arguments> operations() {
        List<Case> cases = List.of(
                new Case("fit:400:400", (w, h) -> new Fit(400, 400).outputSize(w, h)),
                new Case("fit:2000:2000", (w, h) -> new int[] {w, h}),
                new Case("fill:300:200", (w, h) -> new int[] {300, 200}),
                new Case("fill:250:250:attention", (w, h) -> new int[] {250, 250}),
                new Case("fill:1200:900", (w, h) -> new int[] {1200, 900}),
                new Case("crop:10:20:100:50", (w, h) -> new int[] {100, 50}),
                new Case("rotate:90", (w, h) -> new int[] {h, w}),
                new Case("rotate:180", (w, h) -> new int[] {w, h}),
                new Case("rotate:270", (w, h) -> new int[] {h, w}),
                new Case("flip:h", (w, h) -> new int[] {w, h}),
                new Case("flip:v", (w, h) -> new int[] {w, h}),
                new Case("grayscale", (w, h) -> new int[] {w, h}),
                new Case("sepia", (w, h) -> new int[] {w, h}),
                new Case("saturation:0.5", (w, h) -> new int[] {w, h}),
                new Case("blur:2.5", (w, h) -> new int[] {w, h}),
                new Case("sharpen", (w, h) -> new int[] {w, h}),
                new Case("sharpen:3", (w, h) -> new int[] {w, h}),
                new Case("brightness:1.4", (w, h) -> new int[] {w, h}),
                new Case("contrast:1.5", (w, h) -> new int[] {w, h}),
                new Case("invert", (w, h) -> new int[] {w, h}),
                new Case("crop:0:0:300:200/fit:150:150/rotate:90", (w, h) -> new int[] {100, 150}),
                new Case("rotate:90/fill:64:48:attention/grayscale/sepia", (w, h) -> new int[] {64, 48}),
                new Case("grayscale/saturation:2/fit:100:100", (w, h) -> new Fit(100, 100).outputSize(w, h)));
        return Stream.of("mouse.jpg", "goldfish.png", "wood.webp")
                .flatMap(photo -> cases.stream().map(c -> Arguments.of(photo, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void everyOperationProducesTheDocumentedDimensions(String photo, Case operation) throws IOException {
        // given
        Path source = PHOTOS.resolve(photo);
        ImageInfo info = info(source);

        // when
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessedImage result = engine.process(source, info, Recipe.parse(operation.recipe()), deadline(), out);

        // then
        int[] size = operation.size().apply(info.width(), info.height());
        assertThat(decode(out.toByteArray())).extracting(Decoded::format, Decoded::width, Decoded::height)
                .containsExactly(info.format(), size[0], size[1]);
        assertThat(result).isEqualTo(new ProcessedImage(info.format(), size[0], size[1], out.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp", "webp:lossless", "gif", "avif"})
    void writesEveryOutputFormatKeepingAlphaWhereTheFormatHasIt(String format) throws IOException {
        // given a PNG transparent in its left half
        Path source = halfTransparent(temp.resolve("half.png"));

        // when
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessedImage result = engine.process(source, info(source), Recipe.parse("fit:150:150/format:" + format),
                deadline(), out);

        // then
        ImageFormat expected = ImageFormat.fromRecipeName(format.split(":")[0]).orElseThrow();
        int bands = expected == ImageFormat.JPEG ? 3 : 4;
        assertThat(decode(out.toByteArray())).isEqualTo(new Decoded(expected, 150, 75, bands));
        assertThat(result).isEqualTo(new ProcessedImage(expected, 150, 75, out.size()));
    }

    @Test
    void flattensTransparencyOntoWhiteForJpeg() throws IOException {
        // given
        Path source = halfTransparent(temp.resolve("half.png"));

        // when
        byte[] jpeg = process(source, "format:jpeg");

        // then the transparent half is white, the opaque half keeps its colour
        assertThat(pixel(jpeg, 10, 50)).containsExactly(new double[] {255, 255, 255}, within(2.0));
        assertThat(pixel(jpeg, 190, 50)[0]).isLessThan(250);
    }

    /** A 200×100 gradient whose left half has alpha 0. */
    private static Path halfTransparent(Path file) {
        return VipsFixtures.gradient(file, 200, 100, image -> {
            Image alpha = image.pipeline().matrix(2, 1, new double[] {0, 255})
                    .apply("vips_cast", Vips.FORMAT_UCHAR)
                    .apply("vips_resize", 100.0, Vips.option("kernel", 0));
            return image.pipeline().call("vips_bandjoin2", image, alpha, Pipeline.OUT);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp", "gif", "avif"})
    void aTruncatedImageIsCorruptNotAPartlyGreyPicture(String format) throws IOException {
        // given the first half of a photo in that format
        Path photo = PHOTOS.resolve("mouse.jpg");
        byte[] whole = format.equals("jpeg") ? Files.readAllBytes(photo) : process(photo, "format:" + format);
        Path complete = Files.write(temp.resolve("whole." + format), whole);
        Path truncated = Files.write(temp.resolve("half." + format), Arrays.copyOf(whole, whole.length / 2));
        ImageInfo info = info(complete);

        // then, whether it is decoded whole or shrunk while decoding
        for (String recipe : new String[] {"format:png", "fit:100:100"}) {
            assertThatThrownBy(() -> engine.process(truncated, info, Recipe.parse(recipe), deadline(),
                    OutputStream.nullOutputStream()))
                    .as(recipe)
                    .isInstanceOf(CorruptImage.class)
                    .hasMessageStartingWith("the image could not be decoded: ");
        }
    }

    @Test
    void aCropOutsideTheImageIsNotApplicable() throws IOException {
        Path source = PHOTOS.resolve("mouse.jpg");

        assertThatThrownBy(() -> process(source, "crop:700:400:200:50"))
                .isInstanceOf(RecipeNotApplicable.class)
                .hasMessage("crop:700:400:200:50: the area 200×50 at 700,400 lies outside the 800×500 image; it must lie inside it");
    }

    /**
     * An upright 300×200 picture, red in its top-left 100×100 corner and blue elsewhere, stored
     * turned so that its EXIF orientation turns it back.
     */
    @ParameterizedTest(name = "orientation {0}, {1}")
    @CsvSource({
        "1, format:png", "3, format:png", "6, format:png", "8, format:png",
        "6, fit:150:150/format:png", "8, fill:90:60/format:png", "3, fit:150:150/format:png",
    })
    void turnsImagesUprightFromTheirExifOrientation(int orientation, String recipe) throws IOException {
        // given
        Path source = VipsFixtures.gradient(temp.resolve("turned.jpg"), 300, 200,
                image -> VipsFixtures.oriented(stored(redCorner(image), orientation), orientation),
                Vips.option("strip", false));
        ImageInfo info = info(source);
        assertThat(info.orientation()).isEqualTo(orientation);

        // when
        byte[] png = process(source, info, recipe);

        // then
        Decoded written = decode(png);
        assertThat((double) written.width() / written.height()).isCloseTo(1.5, within(0.02));
        assertThat(pixel(png, 2, 2)[0]).as("top left is red").isGreaterThan(200);
        assertThat(pixel(png, written.width() - 3, written.height() - 3)[0]).as("bottom right is not").isLessThan(60);
    }

    @Test
    void leavesTheStoredOrientationWhenAskedNotToTurn() throws IOException {
        // given
        Path source = VipsFixtures.gradient(temp.resolve("turned.jpg"), 300, 200,
                image -> VipsFixtures.oriented(stored(redCorner(image), 6), 6), Vips.option("strip", false));

        // when
        byte[] png = process(source, info(source), "fit:100:100/no-orient/format:png");

        // then the stored 200×300, with the red corner at the bottom left
        assertThat(decode(png)).extracting(Decoded::width, Decoded::height).containsExactly(67, 100);
        assertThat(pixel(png, 2, 97)[0]).isGreaterThan(200);
    }

    private static Image redCorner(Image image) {
        Image blue = image.apply("vips_linear", new double[] {0, 0, 0}, new double[] {0, 0, 255}, 3,
                Vips.option("uchar", true));
        Image red = blue.apply("vips_extract_area", 0, 0, 100, 100)
                .apply("vips_linear", new double[] {0, 0, 0}, new double[] {255, 0, 0}, 3, Vips.option("uchar", true));
        return blue.pipeline().call("vips_insert", blue, red, Pipeline.OUT, 0, 0);
    }

    /** The stored pixels that {@code orientation} turns upright. */
    private static Image stored(Image upright, int orientation) {
        return switch (orientation) {
            case 3 -> upright.apply("vips_rot", 2);
            case 6 -> upright.apply("vips_rot", 3);
            case 8 -> upright.apply("vips_rot", 1);
            default -> upright;
        };
    }

    /** A JPEG whose EXIF and XMP both name the photographer, Ada Pixbox. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"format:jpeg, true", "format:png, true", "format:webp, true", "format:avif, true", "format:gif, false"})
    void stripsMetadataUnlessTheRecipeKeepsIt(String recipe, boolean formatCarriesMetadata) throws IOException {
        // given
        Path source = VipsFixtures.gradient(temp.resolve("private.jpg"), 64, 64, image -> {
            Image copy = image.apply("vips_copy");
            VipsFixtures.setMetadata(copy, "exif-ifd0-Artist", "Ada Pixbox");
            VipsFixtures.setMetadata(copy, "xmp-data", "<x:xmpmeta><dc:creator>Ada Pixbox</dc:creator></x:xmpmeta>");
            return copy;
        }, Vips.option("strip", false));
        assertThat(occurrences(Files.readAllBytes(source), "Ada Pixbox")).isEqualTo(2);

        // when
        byte[] stripped = process(source, recipe);
        byte[] kept = process(source, recipe + "/keep-metadata");

        // then
        assertThat(occurrences(stripped, "Ada Pixbox")).as("stripped").isZero();
        assertThat(occurrences(kept, "Ada Pixbox")).as("kept").isEqualTo(formatCarriesMetadata ? 2 : 0);
    }

    private static int occurrences(byte[] bytes, String text) {
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        return haystack.split(Pattern.quote(text), -1).length - 1;
    }

    @Test
    void manyThreadsAtOnceEachGetTheirOwnResultOrError() throws Exception {
        // given good and truncated inputs, so that libvips' process-wide error buffer is in use
        Path photo = PHOTOS.resolve("mouse.jpg");
        ImageInfo info = info(photo);
        byte[] whole = Files.readAllBytes(photo);
        Path truncated = Files.write(temp.resolve("half.jpg"), Arrays.copyOf(whole, whole.length / 2));

        // when
        List<Callable<String>> tasks = IntStream.range(0, 64).mapToObj(i -> (Callable<String>) () -> {
            int size = 50 + i;
            try {
                ProcessedImage result = engine.process(i % 3 == 0 ? truncated : photo, info,
                        Recipe.parse("fit:" + size + ":" + size + "/sharpen/format:png"), deadline(),
                        OutputStream.nullOutputStream());
                return result.width() + "×" + result.height();
            } catch (CorruptImage e) {
                return "corrupt";
            }
        }).toList();
        List<String> results;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            results = threads.invokeAll(tasks).stream().map(VipsEngineTests::get).toList();
        }

        // then
        for (int i = 0; i < results.size(); i++) {
            int[] size = new Fit(50 + i, 50 + i).outputSize(info.width(), info.height());
            assertThat(results.get(i)).as("task " + i).isEqualTo(i % 3 == 0 ? "corrupt" : size[0] + "×" + size[1]);
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeadlineAlreadyPassedTimesOut() throws IOException {
        Path source = bigJpeg();
        ImageInfo info = info(source);

        assertThatThrownBy(() -> engine.process(source, info, Recipe.parse("fit:400:400"),
                Deadline.after(Duration.ofMillis(1)), OutputStream.nullOutputStream()))
                .isInstanceOf(TimedOut.class);
    }

    @Test
    void theDeadlineStopsLibvipsInTheMiddleOfItsWork() throws IOException {
        // given an 8000×8000 JPEG and a blur that takes libvips about 13 s here
        Path source = bigJpeg();
        ImageInfo info = info(source);
        int objects = VipsFixtures.liveObjects();

        // when
        long start = System.nanoTime();
        assertThatThrownBy(() -> engine.process(source, info, Recipe.parse("blur:20"),
                Deadline.after(Duration.ofMillis(500)), OutputStream.nullOutputStream()))
                .isInstanceOf(TimedOut.class)
                .hasMessage("processing took longer than the limit of 500 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then it stopped soon after the deadline, and left nothing behind
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
        assertThat(VipsFixtures.liveObjects()).isEqualTo(objects);
    }

    /** An 8000×8000 JPEG, made once for the class. */
    private static synchronized Path bigJpeg() {
        Path file = shared.resolve("big.jpg");
        return Files.exists(file) ? file : VipsFixtures.gradient(file, 8000, 8000);
    }

    /** Inputs that are not plain 8-bit sRGB: each comes out as 8-bit sRGB, alpha kept. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rgb16.png, 3", "grey.png, 3", "grey-alpha.png, 4", "cmyk.jpg, 3"})
    void convertsOtherColourSpacesAndDepthsToEightBitSrgb(String name, int bands) throws IOException {
        // given
        Path source = VipsFixtures.gradient(temp.resolve(name), 200, 100, image -> switch (name) {
            case "rgb16.png" -> image.apply("vips_colourspace", 25); // VIPS_INTERPRETATION_RGB16
            case "grey.png" -> image.apply("vips_colourspace", Vips.INTERPRETATION_B_W);
            case "grey-alpha.png" -> image.apply("vips_colourspace", Vips.INTERPRETATION_B_W)
                    .apply("vips_bandjoin_const1", 200.0);
            default -> image.apply("vips_icc_export", Vips.option("output_profile", "cmyk"));
        });

        // when
        byte[] png = process(source, "fit:100:100/sepia/format:png");

        // then
        assertThat(decode(png)).isEqualTo(new Decoded(ImageFormat.PNG, 100, 50, bands));
        assertThat(png[24]).as("PNG bit depth").isEqualTo((byte) 8);
        assertThat(pixel(png, 50, 25)[0]).as("sepia red").isBetween(100.0, 255.0);
    }

    /** A PNG of RGB (200, 100, 50), with or without alpha 128, through each colour operation. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "grayscale      | 124",
        "sepia          | 165, 147, 114",
        "saturation:0   | 124, 124, 124",
        "saturation:1.5 | 238, 88, 13",
        "brightness:2   | 255, 200, 100",
        "contrast:2     | 255, 72, 0",
        "invert         | 55, 155, 205",
    })
    void colourOperationsFollowTheirFormulasAndLeaveAlphaAlone(String recipe, String expected) throws IOException {
        double[] colour = Arrays.stream(expected.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
        for (boolean alpha : new boolean[] {false, true}) {
            // given
            Path source = VipsFixtures.gradient(temp.resolve("pixel.png"), 2, 1, image -> {
                Image rgb = image.apply("vips_linear", new double[] {0, 0, 0}, new double[] {200, 100, 50}, 3,
                        Vips.option("uchar", true));
                return alpha ? rgb.apply("vips_bandjoin_const1", 128.0) : rgb;
            });

            // when
            byte[] png = process(source, recipe + "/format:png");

            // then
            double[] values = alpha ? Arrays.copyOf(colour, colour.length + 1) : colour;
            values[values.length - 1] = alpha ? 128 : values[values.length - 1];
            assertThat(pixel(png, 1, 0)).as(alpha ? "with alpha" : "without alpha")
                    .containsExactly(values, within(1.0));
        }
    }

    /**
     * Bounds, after a warm-up of 300 runs, over 2100 more: every VipsObject released; libvips' tracked
     * pixel memory within 1 MiB and 64 allocations; bytes malloc holds within 32 MiB (the JVM mallocs
     * too: over 9000 runs they stayed between 18 and 22 MiB); RSS, which also counts Java heap pages
     * and memory malloc keeps for reuse, within 128 MiB.
     */
    @Test
    void processingThousandsOfImagesLeaksNoNativeMemory() throws IOException {
        // given an engine warmed up on every path: shrink-on-load, full decode, attention crop, failures
        List<Run> runs = everyPath();
        repeat(runs, 300);
        NativeMemory before = NativeMemory.lowestOf(() -> repeat(runs, runs.size()), 10);

        // when
        repeat(runs, 2040);

        // then
        NativeMemory after = NativeMemory.lowestOf(() -> repeat(runs, runs.size()), 10);
        System.out.println("leak check, before: " + before + "; after: " + after);
        assertThat(after.objects()).as("live VipsObjects").isEqualTo(before.objects());
        assertThat(after.tracked()).as("libvips tracked bytes").isLessThanOrEqualTo(before.tracked() + MIB);
        assertThat(after.allocations()).as("libvips tracked allocations").isLessThanOrEqualTo(before.allocations() + 64);
        assertThat(after.malloced()).as("malloc'd bytes").isLessThanOrEqualTo(before.malloced() + 32 * MIB);
        assertThat(after.resident()).as("RSS").isLessThanOrEqualTo(before.resident() + 128 * MIB);
    }

    private static final long MIB = 1024 * 1024;

    /** One process call; a failure it is meant to end in is caught. */
    record Run(Path source, ImageInfo info, String recipe) {
    }

    /** One run per path the engine can take through libvips, failures included. */
    private List<Run> everyPath() throws IOException {
        Path photo = PHOTOS.resolve("mouse.jpg");
        ImageInfo info = info(photo);
        byte[] whole = Files.readAllBytes(photo);
        Path truncated = Files.write(temp.resolve("truncated.jpg"), Arrays.copyOf(whole, whole.length / 2));
        Path transparent = halfTransparent(temp.resolve("half.png"));
        return List.of(
                new Run(photo, info, "fit:200:200/sharpen/format:webp"),
                new Run(photo, info, "rotate:90/sepia/contrast:1.2"),
                new Run(photo, info, "fill:120:120:attention/format:png"),
                new Run(photo, info, "crop:900:0:10:10"),
                new Run(truncated, info, "fit:100:100"),
                new Run(transparent, info(transparent), "grayscale/format:jpeg"));
    }

    private void repeat(List<Run> runs, int times) {
        for (int i = 0; i < times; i++) {
            Run run = runs.get(i % runs.size());
            try {
                engine.process(run.source(), run.info(), Recipe.parse(run.recipe()), deadline(),
                        OutputStream.nullOutputStream());
            } catch (CorruptImage | RecipeNotApplicable expected) {
                // the failure paths must release everything too
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Native memory figures; {@link #lowestOf} drops the short spikes of the JIT compiler and GC. */
    record NativeMemory(int objects, long tracked, int allocations, long malloced, long resident) {

        static NativeMemory lowestOf(Runnable between, int samples) {
            NativeMemory lowest = null;
            for (int i = 0; i < samples; i++) {
                between.run();
                NativeMemory now = new NativeMemory(VipsFixtures.liveObjects(), VipsFixtures.trackedMemory(),
                        VipsFixtures.trackedAllocations(), VipsFixtures.mallocedBytes(), VipsFixtures.residentBytes());
                lowest = lowest == null ? now : new NativeMemory(Math.min(lowest.objects, now.objects),
                        Math.min(lowest.tracked, now.tracked), Math.min(lowest.allocations, now.allocations),
                        Math.min(lowest.malloced, now.malloced), Math.min(lowest.resident, now.resident));
            }
            return lowest;
        }

        @Override
        public String toString() {
            return objects + " objects, " + tracked + " B in " + allocations + " tracked allocations, " + (malloced >> 10) + " KiB malloc'd, "
                    + (resident >> 20) + " MiB RSS";
        }
    }

    private byte[] process(Path source, String recipe) throws IOException {
        return process(source, info(source), recipe);
    }

    private byte[] process(Path source, ImageInfo info, String recipe) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.process(source, info, Recipe.parse(recipe), deadline(), out);
        return out.toByteArray();
    }

    private static Deadline deadline() {
        return Deadline.after(GENEROUS);
    }
}
