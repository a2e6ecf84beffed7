package io.pixbox.imaging.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.ImagingException.RecipeNotApplicable;
import io.pixbox.imaging.ImagingException.TimedOut;
import io.pixbox.imaging.TestImages;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Recipe;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the pure-Java engine does beyond the shared engine contract: its decoding, pixels and limits. */
class JavaEngineTests {

    private static final Duration GENEROUS = Duration.ofMinutes(1);

    private final JavaEngine engine = new JavaEngine();

    @TempDir
    Path dir;

    @Nested
    class PixelOperations {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # recipe                 | mouse.jpg 800x500 | goldfish.png 600x396 | wood.webp 512x512
                fit:300:300              | 300x188           | 300x198              | 300x300
                fit:2000:2000            | 800x500           | 600x396              | 512x512
                fill:200:150             | 200x150           | 200x150              | 200x150
                fill:200:150:attention   | 200x150           | 200x150              | 200x150
                fill:1000:900            | 1000x900          | 1000x900             | 1000x900
                crop:10:20:100:50        | 100x50            | 100x50               | 100x50
                rotate:90                | 500x800           | 396x600              | 512x512
                rotate:180               | 800x500           | 600x396              | 512x512
                rotate:270               | 500x800           | 396x600              | 512x512
                flip:h                   | 800x500           | 600x396              | 512x512
                flip:v                   | 800x500           | 600x396              | 512x512
                grayscale                | 800x500           | 600x396              | 512x512
                sepia                    | 800x500           | 600x396              | 512x512
                saturation:1.5           | 800x500           | 600x396              | 512x512
                blur:2.5                 | 800x500           | 600x396              | 512x512
                sharpen                  | 800x500           | 600x396              | 512x512
                brightness:1.2           | 800x500           | 600x396              | 512x512
                contrast:1.3             | 800x500           | 600x396              | 512x512
                invert                   | 800x500           | 600x396              | 512x512
                crop:100:50:400:300/fit:120:120/rotate:90 | 90x120 | 90x120           | 90x120
                """)
        void everyOperationGivesTheDocumentedDimensionsOnRealPhotos(String recipe, String mouse, String goldfish,
                String wood) throws IOException {
            // given the three photos, in three formats
            // when each goes through the recipe, webp written as png since the engine cannot write webp
            Output fromJpeg = run(photo("mouse.jpg"), ImageFormat.JPEG, recipe);
            Output fromPng = run(photo("goldfish.png"), ImageFormat.PNG, recipe);
            Output fromWebp = run(photo("wood.webp"), ImageFormat.WEBP, recipe + "/format:png");

            // then the reported and the encoded dimensions are those documented
            assertThat(fromJpeg.dimensions()).isEqualTo(mouse).isEqualTo(fromJpeg.reportedDimensions());
            assertThat(fromPng.dimensions()).isEqualTo(goldfish).isEqualTo(fromPng.reportedDimensions());
            assertThat(fromWebp.dimensions()).isEqualTo(wood).isEqualTo(fromWebp.reportedDimensions());
            assertThat(fromJpeg.result().format()).isEqualTo(ImageFormat.JPEG);
            assertThat(fromPng.result().format()).isEqualTo(ImageFormat.PNG);
            assertThat(fromWebp.result().bytes()).isEqualTo(fromWebp.bytes().length);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # recipe     | width | height | red corner   | blue corner
                rotate:90    | 20    | 40     | top-right    | bottom-right
                rotate:180   | 40    | 20     | bottom-right | bottom-left
                rotate:270   | 20    | 40     | bottom-left  | top-left
                flip:h       | 40    | 20     | top-right    | top-left
                flip:v       | 40    | 20     | bottom-left  | bottom-right
                """)
        void rotationsAndFlipsMoveTheMarkedCorners(String recipe, int width, int height, String red, String blue)
                throws IOException {
            // given a 40x20 picture, red top-left and blue top-right
            byte[] png = TestImages.encode(TestImages.marked(40, 20), "png");

            // when
            BufferedImage out = run(png, ImageFormat.PNG, recipe).image();

            // then
            assertThat(out.getWidth() + "x" + out.getHeight()).isEqualTo(width + "x" + height);
            assertThat(corner(out, red)).isEqualTo(TestImages.TOP_LEFT.getRGB());
            assertThat(corner(out, blue)).isEqualTo(TestImages.TOP_RIGHT.getRGB());
        }

        @ParameterizedTest(name = "{0} turns {1} into {2}")
        @CsvSource(delimiter = '|', textBlock = """
                invert          | 10,100,200,128  | 245,155,55,128
                brightness:1.5  | 100,100,100,255 | 150,150,150,255
                brightness:0    | 100,150,200,255 | 0,0,0,255
                contrast:2      | 100,150,200,255 | 72,172,255,255
                saturation:0    | 100,150,200,255 | 141,141,141,255
                grayscale       | 100,150,200,60  | 141,141,141,60
                sepia           | 100,150,200,255 | 192,171,134,255
                """)
        void colourOperationsFollowTheirFormulasAndLeaveAlphaAlone(String recipe, String before, String after)
                throws IOException {
            // given a picture of one colour, stored losslessly
            byte[] png = TestImages.encode(TestImages.solid(8, 8, colour(before)), "png");

            // when
            BufferedImage out = run(png, ImageFormat.PNG, recipe).image();

            // then every pixel has the expected colour, to within rounding
            Color expected = colour(after);
            assertThat(pixels(out)).allSatisfy(rgb -> {
                Color actual = new Color(rgb, true);
                assertThat(actual.getRed()).isCloseTo(expected.getRed(), within(1));
                assertThat(actual.getGreen()).isCloseTo(expected.getGreen(), within(1));
                assertThat(actual.getBlue()).isCloseTo(expected.getBlue(), within(1));
                assertThat(actual.getAlpha()).isEqualTo(expected.getAlpha());
            });
        }

        @Test
        void grayscaleMakesEveryPixelGreyAndWritesGreyJpegs() throws IOException {
            // given a colour photo with alpha, and a colour JPEG
            // when both are made grey
            BufferedImage png = run(photo("goldfish.png"), ImageFormat.PNG, "grayscale").image();
            BufferedImage jpeg = run(photo("mouse.jpg"), ImageFormat.JPEG, "grayscale").image();

            // then red, green and blue are equal everywhere, and the JPEG has a single channel
            assertThat(pixels(png)).allSatisfy(rgb ->
                    assertThat(((rgb >> 16) & 0xFF) == ((rgb >> 8) & 0xFF) && ((rgb >> 8) & 0xFF) == (rgb & 0xFF)).isTrue());
            assertThat(png.getColorModel().hasAlpha()).isTrue();
            assertThat(jpeg.getRaster().getNumBands()).isEqualTo(1);
        }

        @Test
        void blurSoftensAHardEdgeAndSharpenSteepensASoftOne() throws IOException {
            // given a black-and-white edge and a gentle ramp between two greys
            BufferedImage edge = TestImages.solid(40, 4, Color.BLACK);
            fill(edge, 20, 40, Color.WHITE);
            BufferedImage ramp = TestImages.solid(40, 4, new Color(90, 90, 90));
            fill(ramp, 20, 40, new Color(160, 160, 160));

            // when
            BufferedImage blurred = run(TestImages.encode(edge, "png"), ImageFormat.PNG, "blur:2").image();
            BufferedImage sharpened = run(TestImages.encode(ramp, "png"), ImageFormat.PNG, "sharpen").image();

            // then the blurred edge has greys on both sides, far from the edge it does not
            assertThat(blurred.getRGB(19, 1) & 0xFF).isBetween(60, 127);
            assertThat(blurred.getRGB(20, 1) & 0xFF).isBetween(128, 195);
            assertThat(blurred.getRGB(0, 1) & 0xFF).isZero();
            // and sharpening darkens the dark side and brightens the bright side next to the step
            assertThat(sharpened.getRGB(19, 1) & 0xFF).isLessThan(90);
            assertThat(sharpened.getRGB(20, 1) & 0xFF).isGreaterThan(160);
            assertThat(sharpened.getRGB(0, 1) & 0xFF).isEqualTo(90);
        }

        @Test
        void attentionKeepsTheDetailedPartOfThePicture() throws IOException {
            // given a flat grey picture whose right third is a fine red and white pattern
            BufferedImage picture = TestImages.solid(300, 100, Color.GRAY);
            for (int y = 0; y < 100; y++) {
                for (int x = 200; x < 300; x++) {
                    picture.setRGB(x, y, (x / 2 + y / 2) % 2 == 0 ? Color.RED.getRGB() : Color.WHITE.getRGB());
                }
            }
            byte[] png = TestImages.encode(picture, "png");

            // when it is filled to a square with attention, and with centre
            BufferedImage attention = run(png, ImageFormat.PNG, "fill:100:100:attention").image();
            BufferedImage centre = run(png, ImageFormat.PNG, "fill:100:100").image();

            // then attention keeps the pattern and centre keeps the flat middle
            assertThat(attention.getRGB(50, 50)).isNotEqualTo(Color.GRAY.getRGB());
            assertThat(pixels(centre)).containsOnly(Color.GRAY.getRGB());
        }

        @Test
        void shrinkingAFinePatternAveragesItInsteadOfAliasing() throws IOException {
            // given a one-pixel black and white checkerboard
            BufferedImage board = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 400; y++) {
                for (int x = 0; x < 400; x++) {
                    board.setRGB(x, y, (x + y) % 2 == 0 ? 0 : 0xFFFFFF);
                }
            }

            // when it is shrunk by a factor that is not a whole number
            BufferedImage out = run(TestImages.encode(board, "png"), ImageFormat.PNG, "fit:130:130").image();

            // then it becomes an even mid grey
            assertThat(pixels(out)).allSatisfy(rgb -> assertThat(rgb & 0xFF).isBetween(120, 135));
        }
    }

    @Nested
    class Decoding {

        @ParameterizedTest(name = "orientation {0}")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
        void turnsEveryExifOrientationUpright(int orientation) throws IOException {
            // given a 64x48 picture stored turned as EXIF orientation says
            byte[] jpeg = TestImages.orientedJpeg(orientation, 64, 48);
            ImageInfo stored = orientation >= 5
                    ? new ImageInfo(ImageFormat.JPEG, 48, 64, 1, orientation)
                    : new ImageInfo(ImageFormat.JPEG, 64, 48, 1, orientation);

            // when it is processed with no steps
            Output out = run(file(jpeg), stored, Recipe.parse("format:png"), Deadline.after(GENEROUS));

            // then it comes out upright: 64x48, red top-left, blue top-right
            assertThat(out.dimensions()).isEqualTo("64x48");
            assertClose(corner(out.image(), "top-left"), TestImages.TOP_LEFT);
            assertClose(corner(out.image(), "top-right"), TestImages.TOP_RIGHT);
        }

        @Test
        void leavesThePictureAsStoredWhenTheRecipeSaysNoOrient() throws IOException {
            // given a picture stored rotated, EXIF orientation 6
            byte[] jpeg = TestImages.orientedJpeg(6, 64, 48);

            // when
            Output out = run(file(jpeg), new ImageInfo(ImageFormat.JPEG, 48, 64, 1, 6),
                    Recipe.parse("no-orient/format:png"), Deadline.after(GENEROUS));

            // then it keeps its stored shape
            assertThat(out.dimensions()).isEqualTo("48x64");
        }

        @Test
        void shrinkOnLoadStillGivesTheExactDimensionsAndPicture() throws IOException {
            // given a large JPEG with awkward dimensions, big enough to be subsampled while decoding
            byte[] jpeg = TestImages.jpeg(TestImages.marked(3001, 1999), 90);

            // when it is made into a small thumbnail
            BufferedImage out = run(jpeg, ImageFormat.JPEG, "fit:50:50/format:png").image();

            // then it has exactly the documented size and its markers
            assertThat(out.getWidth() + "x" + out.getHeight()).isEqualTo("50x33");
            assertClose(corner(out, "top-left"), TestImages.TOP_LEFT);
            assertClose(corner(out, "top-right"), TestImages.TOP_RIGHT);
        }

        @Test
        void readsSixteenBitGreyAsTheGreyItEncodes() throws IOException {
            // given a 16-bit grey PNG of level 0x8080 (128 in 8 bits)
            BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
            WritableRaster raster = grey.getRaster();
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    raster.setSample(x, y, 0, 0x8080);
                }
            }

            // when
            BufferedImage out = run(TestImages.encode(grey, "png"), ImageFormat.PNG, "format:png").image();

            // then the grey level survives, not brightened as if it were linear light, in a grey PNG
            assertThat(out.getRaster().getNumBands()).isEqualTo(1);
            assertThat(out.getRaster().getSample(0, 0, 0)).isEqualTo(128);
        }

        @Test
        void readsPaletteImages() throws IOException {
            // given a two-colour palette PNG
            IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                    new byte[] {(byte) 255, 0});
            BufferedImage indexed = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_BINARY, palette);
            indexed.getRaster().setSample(0, 0, 0, 1);

            // when
            BufferedImage out = run(TestImages.encode(indexed, "png"), ImageFormat.PNG, "format:png").image();

            // then the colours come through
            assertThat(out.getRGB(0, 0)).isEqualTo(0xFFFF0000);
            assertThat(out.getRGB(5, 5)).isEqualTo(0xFF0000FF);
        }

        @Test
        void convertsCmykJpegsToSrgb() throws IOException {
            // given a CMYK JPEG of pure magenta and yellow ink, which prints red
            byte[] cmyk = cmykJpeg(16, 16, new int[] {0, 255, 255, 0});

            // when
            BufferedImage out = run(cmyk, ImageFormat.JPEG, "format:png").image();

            // then it comes out red in sRGB
            Color c = new Color(out.getRGB(8, 8));
            assertThat(c.getRed()).isGreaterThan(180);
            assertThat(c.getGreen()).isLessThan(90);
            assertThat(c.getBlue()).isLessThan(90);
        }

        @Test
        void takesOnlyTheFirstFrameOfAnAnimatedGif() throws IOException {
            // given a two-frame GIF, red then blue
            byte[] gif = animatedGif(TestImages.solid(20, 10, Color.RED), TestImages.solid(20, 10, Color.BLUE));

            // when
            Output out = run(gif, ImageFormat.GIF, "format:png");

            // then
            assertThat(out.dimensions()).isEqualTo("20x10");
            assertThat(out.image().getRGB(10, 5)).isEqualTo(Color.RED.getRGB());
        }

        @Test
        void placesAGifFrameAtItsOffsetOnTheLogicalScreen() throws IOException {
            // given a GIF whose 10x10 red frame sits at 20,10 on a 40x30 screen
            byte[] gif = offsetGif(TestImages.solid(10, 10, Color.RED), 20, 10, 40, 30);

            // when
            Output out = run(file(gif), new ImageInfo(ImageFormat.GIF, 40, 30, 1, 1), Recipe.parse("format:png"),
                    Deadline.after(GENEROUS));

            // then the picture is the whole screen, transparent around the frame
            assertThat(out.dimensions()).isEqualTo("40x30");
            assertThat(out.image().getRGB(25, 15)).isEqualTo(Color.RED.getRGB());
            assertThat(out.image().getRGB(5, 5) >>> 24).isZero();
        }

        @Test
        void refusesATruncatedJpegRatherThanPaddingItWithGrey() throws IOException {
            // given the first 60% of a photo
            byte[] whole = Files.readAllBytes(photo("mouse.jpg"));
            byte[] truncated = Arrays.copyOf(whole, whole.length * 6 / 10);

            // when / then
            assertThatThrownBy(() -> run(truncated, ImageFormat.JPEG, "fit:100:100"))
                    .isInstanceOf(CorruptImage.class)
                    .hasMessageContaining("damaged")
                    .extracting(e -> ((ImagingException) e).code()).isEqualTo("image.corrupt");
        }

        @Test
        void refusesATruncatedPng() throws IOException {
            // given the first 60% of a PNG
            byte[] whole = Files.readAllBytes(photo("goldfish.png"));

            // when / then
            assertThatThrownBy(() -> run(Arrays.copyOf(whole, whole.length * 6 / 10), ImageFormat.PNG, "invert"))
                    .isInstanceOf(CorruptImage.class);
        }

        @Test
        void stopsADecodeOnceTheDeadlineHasPassed() throws IOException {
            // given a deadline already passed when the decode starts
            Path photo = photo("mouse.jpg");
            Deadline passed = new Deadline(System.nanoTime() - 1, Duration.ofMillis(1));

            // when / then the decoder itself gives up at its first progress report
            assertThatThrownBy(() -> Decoder.decode(photo, ImageFormat.JPEG, 1, passed))
                    .isInstanceOf(TimedOut.class)
                    .hasMessageContaining("1 ms");
        }
    }

    @Nested
    class Refusals {

        @Test
        void timesOutOnALargeImageWithATinyTimeLimit() throws IOException {
            // given a 6000x6000 JPEG
            BufferedImage large = new BufferedImage(6000, 6000, BufferedImage.TYPE_3BYTE_BGR);
            Path file = file(TestImages.jpeg(large, 50));
            ImageInfo info = new ImageInfo(ImageFormat.JPEG, 6000, 6000, 1, 1);

            // when / then
            assertThatThrownBy(() -> engine.process(file, info, Recipe.parse("blur:5"),
                    Deadline.after(Duration.ofMillis(1)), new ByteArrayOutputStream()))
                    .isInstanceOf(TimedOut.class)
                    .extracting(e -> ((ImagingException) e).code()).isEqualTo("image.timeout");
        }

        @Test
        void refusesACropOutsideTheImageNamingBothSizes() {
            assertThatThrownBy(() -> run(photo("mouse.jpg"), ImageFormat.JPEG, "crop:750:450:100:100"))
                    .isInstanceOf(RecipeNotApplicable.class)
                    .hasMessage("crop:750:450:100:100: the area 100×100 at 750,450 lies outside the 800×500 image; "
                            + "it must lie inside it");
        }

        @ParameterizedTest
        @ValueSource(strings = {"webp", "avif"})
        void cannotWriteWebpOrAvifAndSaysHowToGetLibvips(String format) {
            assertThatThrownBy(() -> run(photo("mouse.jpg"), ImageFormat.JPEG, "fit:100:100/format:" + format))
                    .isInstanceOf(EngineUnavailable.class)
                    .hasMessageContaining("cannot write " + format)
                    .hasMessageContaining("libvips");
        }
    }

    @Nested
    class Encoding {

        @Test
        void keepsExifOnlyWhenAskedAndThenWithTheOrientationReset() throws IOException {
            // given a JPEG stored rotated, EXIF orientation 6
            Path jpeg = file(TestImages.orientedJpeg(6, 64, 48));
            ImageInfo info = new ImageInfo(ImageFormat.JPEG, 48, 64, 1, 6);

            // when it is processed with and without keep-metadata, and without auto-orientation
            byte[] stripped = run(jpeg, info, Recipe.parse("fit:32:32"), Deadline.after(GENEROUS)).bytes();
            byte[] kept = run(jpeg, info, Recipe.parse("fit:32:32/keep-metadata"), Deadline.after(GENEROUS)).bytes();
            byte[] keptAsStored = run(jpeg, info, Recipe.parse("fit:32:32/no-orient/keep-metadata"),
                    Deadline.after(GENEROUS)).bytes();

            // then EXIF is gone by default, says upright once turned, and is untouched otherwise
            assertThat(TestImages.exifOrientationOf(stripped)).isZero();
            assertThat(TestImages.exifOrientationOf(kept)).isEqualTo(1);
            assertThat(TestImages.exifOrientationOf(keptAsStored)).isEqualTo(6);
            assertThat(TestImages.decode(kept).getWidth()).isEqualTo(32);
        }

        @Test
        void flattensAlphaOntoWhiteForJpeg() throws IOException {
            // given a fully transparent picture
            byte[] png = TestImages.encode(TestImages.solid(8, 8, new Color(0, 0, 0, 0)), "png");

            // when
            BufferedImage out = run(png, ImageFormat.PNG, "format:jpeg").image();

            // then
            assertClose(out.getRGB(4, 4), Color.WHITE);
        }

        @Test
        void writesGifsWithAPaletteAndTransparency() throws IOException {
            // given a photo with alpha, and one without
            // when both are written as GIF
            Output fish = run(photo("goldfish.png"), ImageFormat.PNG, "fit:200:200/format:gif");
            Output mouse = run(photo("mouse.jpg"), ImageFormat.JPEG, "fit:200:200/format:gif");

            // then both read back as indexed GIFs of the right size, the fish with a transparent index
            assertThat(fish.result().format()).isEqualTo(ImageFormat.GIF);
            assertThat(fish.dimensions()).isEqualTo("200x132");
            assertThat(mouse.dimensions()).isEqualTo("200x125");
            assertThat(((IndexColorModel) fish.image().getColorModel()).getTransparentPixel()).isNotNegative();
            assertThat(mouse.image().getColorModel()).isInstanceOf(IndexColorModel.class);
        }

        @Test
        void writesAGifOfFewColoursWithExactlyThoseColours() throws IOException {
            // given a marked picture of three colours
            byte[] png = TestImages.encode(TestImages.marked(40, 20), "png");

            // when
            BufferedImage out = run(png, ImageFormat.PNG, "format:gif").image();

            // then
            assertThat(corner(out, "top-left")).isEqualTo(TestImages.TOP_LEFT.getRGB());
            assertThat(out.getRGB(20, 15)).isEqualTo(TestImages.BACKGROUND.getRGB());
        }

        @Test
        void givesTheSameBytesWhenManyThreadsProcessAtOnce() throws Exception {
            // given one result made alone
            Path mouse = photo("mouse.jpg");
            String recipe = "fill:150:150:attention/sharpen/format:png";
            byte[] alone = run(mouse, ImageFormat.JPEG, recipe).bytes();

            // when eight are made at once
            List<Future<byte[]>> together;
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                together = pool.invokeAll(java.util.Collections.nCopies(8,
                        () -> run(mouse, ImageFormat.JPEG, recipe).bytes()));
            }

            // then they are all the same
            for (Future<byte[]> result : together) {
                assertThat(result.get()).isEqualTo(alone);
            }
        }
    }

    // Helpers

    record Output(ProcessedImage result, byte[] bytes) {

        BufferedImage image() {
            return TestImages.decode(bytes);
        }

        String dimensions() {
            BufferedImage image = image();
            return image.getWidth() + "x" + image.getHeight();
        }

        String reportedDimensions() {
            return result.width() + "x" + result.height();
        }
    }

    private Output run(byte[] input, ImageFormat format, String recipe) throws IOException {
        return run(file(input), format, recipe);
    }

    private Output run(Path input, ImageFormat format, String recipe) throws IOException {
        return run(input, storedInfo(input, format), Recipe.parse(recipe), Deadline.after(GENEROUS));
    }

    private Output run(Path input, ImageInfo info, Recipe recipe, Deadline deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessedImage result = engine.process(input, info, recipe, deadline, out);
        return new Output(result, out.toByteArray());
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "input", ""), bytes);
    }

    private static Path photo(String name) {
        try {
            return Path.of(JavaEngineTests.class.getResource("/photos/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header of {@code file} as the caller would pass it: stored size, one frame, upright. */
    private static ImageInfo storedInfo(Path file, ImageFormat format) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return new ImageInfo(format, reader.getWidth(0), reader.getHeight(0), 1, 1);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The colour a quarter of a marker's side in from the named corner. */
    private static int corner(BufferedImage image, String corner) {
        int inset = Math.max(1, Math.min(image.getWidth(), image.getHeight()) / 8);
        int x = corner.endsWith("left") ? inset : image.getWidth() - 1 - inset;
        int y = corner.startsWith("top") ? inset : image.getHeight() - 1 - inset;
        return image.getRGB(x, y);
    }

    private static void assertClose(int rgb, Color expected) {
        Color actual = new Color(rgb);
        assertThat(Math.abs(actual.getRed() - expected.getRed())
                + Math.abs(actual.getGreen() - expected.getGreen())
                + Math.abs(actual.getBlue() - expected.getBlue()))
                .as("%s close to %s", actual, expected)
                .isLessThan(60);
    }

    private static List<Integer> pixels(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .boxed().toList();
    }

    private static Color colour(String rgba) {
        int[] c = Arrays.stream(rgba.split(",")).mapToInt(Integer::parseInt).toArray();
        return new Color(c[0], c[1], c[2], c[3]);
    }

    private static void fill(BufferedImage image, int fromX, int toX, Color colour) {
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(fromX, 0, toX - fromX, image.getHeight());
        g.dispose();
    }

    /**
     * A CMYK JPEG of one ink mix (0–255 per ink) laid out as Photoshop writes one: an Adobe APP14
     * segment and inverted samples.
     */
    private static byte[] cmykJpeg(int width, int height, int[] ink) throws IOException {
        WritableRaster raster = WritableRaster.createInterleavedRaster(DataBufferByte.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int band = 0; band < 4; band++) {
                    raster.setSample(x, y, band, 255 - ink[band]);
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return TestImages.withSegmentAfterSoi(bytes.toByteArray(), adobe);
    }

    private static byte[] animatedGif(BufferedImage... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(indexed(frame), null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] offsetGif(BufferedImage frame, int left, int top, int screenWidth, int screenHeight)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        BufferedImage indexed = indexed(frame);
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(indexed);
        IIOMetadata stream = writer.getDefaultStreamMetadata(null);
        IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
        screen.setAttribute("logicalScreenWidth", String.valueOf(screenWidth));
        screen.setAttribute("logicalScreenHeight", String.valueOf(screenHeight));
        screen.setAttribute("colorResolution", "8");
        screen.setAttribute("pixelAspectRatio", "0");
        IIOMetadataNode streamRoot = new IIOMetadataNode("javax_imageio_gif_stream_1.0");
        streamRoot.appendChild(screen);
        IIOMetadata image = writer.getDefaultImageMetadata(type, null);
        IIOMetadataNode descriptor = new IIOMetadataNode("ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", String.valueOf(left));
        descriptor.setAttribute("imageTopPosition", String.valueOf(top));
        descriptor.setAttribute("imageWidth", String.valueOf(frame.getWidth()));
        descriptor.setAttribute("imageHeight", String.valueOf(frame.getHeight()));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode imageRoot = new IIOMetadataNode("javax_imageio_gif_image_1.0");
        imageRoot.appendChild(descriptor);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            stream.mergeTree("javax_imageio_gif_stream_1.0", streamRoot);
            image.mergeTree("javax_imageio_gif_image_1.0", imageRoot);
            writer.setOutput(out);
            writer.write(stream, new IIOImage(indexed, null, image), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage indexed(BufferedImage frame) {
        BufferedImage indexed = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        g.drawImage(frame, 0, 0, null);
        g.dispose();
        return indexed;
    }
}
