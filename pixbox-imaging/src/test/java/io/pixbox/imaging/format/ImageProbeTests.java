package io.pixbox.imaging.format;

import static io.pixbox.imaging.format.TestImages.acTL;
import static io.pixbox.imaging.format.TestImages.afterIhdr;
import static io.pixbox.imaging.format.TestImages.afterSoi;
import static io.pixbox.imaging.format.TestImages.ascii;
import static io.pixbox.imaging.format.TestImages.avif;
import static io.pixbox.imaging.format.TestImages.avifSequence;
import static io.pixbox.imaging.format.TestImages.box;
import static io.pixbox.imaging.format.TestImages.concat;
import static io.pixbox.imaging.format.TestImages.exifSegment;
import static io.pixbox.imaging.format.TestImages.firstWebpChunk;
import static io.pixbox.imaging.format.TestImages.ftyp;
import static io.pixbox.imaging.format.TestImages.gif;
import static io.pixbox.imaging.format.TestImages.ispe;
import static io.pixbox.imaging.format.TestImages.photo;
import static io.pixbox.imaging.format.TestImages.png;
import static io.pixbox.imaging.format.TestImages.pngChunk;
import static io.pixbox.imaging.format.TestImages.riffChunk;
import static io.pixbox.imaging.format.TestImages.tiffWithOrientation;
import static io.pixbox.imaging.format.TestImages.u32be;
import static io.pixbox.imaging.format.TestImages.webpExtended;
import static io.pixbox.imaging.format.TestImages.withJpegSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import io.pixbox.imaging.ImagingException.UnsupportedFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the probe reads from real and hand-built images, and how it refuses hostile ones. */
class ImageProbeTests {

    private static final Limits LIMITS = Limits.DEFAULT;

    @TempDir
    Path dir;

    // Real photos

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mouse.jpg, JPEG, 800, 500", "goldfish.png, PNG, 600, 396", "wood.webp, WEBP, 512, 512"})
    void readsTheFormatAndSizeOfRealPhotos(String name, ImageFormat format, int width, int height) throws IOException {
        // given a photo on disk
        Path file = write(name, photo(name));

        // when it is probed
        ImageInfo info = ImageProbe.probe(file, LIMITS);

        // then the header gives the real format and size of a still, upright image
        assertThat(info).isEqualTo(new ImageInfo(format, width, height, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mouse.jpg", "goldfish.png", "wood.webp"})
    void readsAStreamOfKnownLengthAsItReadsAFile(String name) throws IOException {
        byte[] bytes = photo(name);

        ImageInfo fromStream = ImageProbe.probe(new ByteArrayInputStream(bytes), bytes.length, LIMITS);

        assertThat(fromStream).isEqualTo(ImageProbe.probe(write(name, bytes), LIMITS));
    }

    @Test
    void readsOnlyTheHeaderOfAStream() throws IOException {
        // given a large PNG whose image data is most of the file
        byte[] goldfish = photo("goldfish.png");
        var in = new ByteArrayInputStream(goldfish);

        // when it is probed
        ImageProbe.probe(in, goldfish.length, LIMITS);

        // then the probe read the head it sniffs and the chunks before the image data, not the rest
        assertThat(goldfish.length - in.available()).isLessThan(16 * 1024);
    }

    @Test
    void sniffsTheContentNotTheFileName() throws IOException {
        Path file = write("photo.gif", photo("mouse.jpg"));

        assertThat(ImageProbe.probe(file, LIMITS).format()).isEqualTo(ImageFormat.JPEG);
    }

    // GIF

    @Test
    void readsAStillGifWrittenByImageIo() throws IOException {
        // given a GIF written by ImageIO
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        Path file = dir.resolve("still.gif");
        ImageIO.write(image, "gif", file.toFile());

        // then it is one 37×23 frame
        assertThat(ImageProbe.probe(file, LIMITS)).isEqualTo(new ImageInfo(ImageFormat.GIF, 37, 23, 1, 1));
    }

    @Test
    void countsTheFramesOfAnAnimatedGif() throws IOException {
        Path file = write("animated.gif", gif(40, 30, 7));

        assertThat(ImageProbe.probe(file, LIMITS)).isEqualTo(new ImageInfo(ImageFormat.GIF, 40, 30, 7, 1));
    }

    @Test
    void refusesAGifWithMoreFramesThanTheLimit() throws IOException {
        // given an animated GIF of 6 frames and a limit of 5
        Path file = write("animated.gif", gif(16, 16, 6));
        Limits fiveFrames = new Limits(LIMITS.maxBytes(), LIMITS.maxPixels(), LIMITS.maxDimension(), 5,
                LIMITS.timeout());

        // then it is refused as soon as the sixth frame is seen
        assertThatThrownBy(() -> ImageProbe.probe(file, fiveFrames))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image has more than 5 frames; the limit is 5");
    }

    @Test
    void acceptsAGifWithoutItsTrailerAfterAWholeFrame() throws IOException {
        // given an animated GIF whose last byte, the trailer, is missing, as many encoders leave it
        byte[] animated = gif(20, 10, 3);
        byte[] withoutTrailer = Arrays.copyOf(animated, animated.length - 1);

        // then it reads as decoders read it
        assertThat(probe(withoutTrailer)).isEqualTo(new ImageInfo(ImageFormat.GIF, 20, 10, 3, 1));
    }

    @Test
    void refusesAGifThatEndsInsideAFrame() throws IOException {
        byte[] animated = gif(20, 10, 3);

        assertThatThrownBy(() -> probe(Arrays.copyOf(animated, animated.length - 5)))
                .isInstanceOf(CorruptImage.class)
                .hasMessageStartingWith("corrupt GIF: it ends early");
    }

    @Test
    void refusesAGifFrameLargerThanTheLimitsEvenOnASmallScreen() throws IOException {
        // given a GIF whose logical screen is 16×16 but whose first frame claims 65535×65535 from (0, 0)
        byte[] still = gif(16, 16, 1);
        int descriptor = TestImages.indexOf(still, new byte[] {0x2C, 0, 0, 0, 0});
        still[descriptor + 5] = (byte) 0xFF;
        still[descriptor + 6] = (byte) 0xFF;
        still[descriptor + 7] = (byte) 0xFF;
        still[descriptor + 8] = (byte) 0xFF;

        // then the canvas a decoder would allocate is what is checked
        assertThatThrownBy(() -> probe(still))
                .isInstanceOf(LimitExceeded.class)
                .hasMessageContaining("65535×65535");
    }

    // PNG

    @Test
    void countsTheFramesAnApngDeclares() throws IOException {
        byte[] apng = afterIhdr(photo("goldfish.png"), acTL(12));

        assertThat(probe(apng)).isEqualTo(new ImageInfo(ImageFormat.PNG, 600, 396, 12, 1));
    }

    @Test
    void refusesAnApngWithMoreFramesThanTheLimit() {
        byte[] apng = afterIhdr(photo("goldfish.png"), acTL(100_000));

        assertThatThrownBy(() -> probe(apng))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image has 100000 frames; the limit is 500");
    }

    @Test
    void refusesAHugePngFromItsHeaderWithoutAllocating() throws IOException {
        // given a 50000×50000 PNG header: decoding it would need 10 GB
        byte[] huge = png(50_000, 50_000);
        probe(png(1, 1)); // so that loading classes is not counted
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        // when it is probed
        Throwable refusal = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable thrown = catchThrowable(() -> probe(huge));
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(256 * 1024);
            return thrown;
        });

        // then it is refused from the header, quickly and with next to no memory
        assertThat(refusal)
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image is 50000×50000 = 2500.0 megapixels; the limit is 100.0 megapixels");
    }

    @Test
    void refusesAnImageWiderThanTheLimitEvenWithFewPixels() {
        assertThatThrownBy(() -> probe(png(40_000, 10)))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image is 40000×10; the limit is 32768 pixels a side");
    }

    @Test
    void refusesAPngWhoseIhdrChecksumIsWrong() {
        byte[] png = photo("goldfish.png");
        png[29] ^= 0x01;

        assertThatThrownBy(() -> probe(png))
                .isInstanceOf(CorruptImage.class)
                .hasMessageStartingWith("corrupt PNG: IHDR checksum does not match");
    }

    @Test
    void refusesAPngOfZeroWidth() {
        assertThatThrownBy(() -> probe(png(0, 10)))
                .isInstanceOf(CorruptImage.class)
                .hasMessage("corrupt PNG: the header says the image is 0×10");
    }

    @Test
    void refusesAPngWithoutImageData() {
        byte[] noData = concat(Arrays.copyOf(png(10, 10), 33), pngChunk("IEND", new byte[0]));

        assertThatThrownBy(() -> probe(noData))
                .isInstanceOf(CorruptImage.class)
                .hasMessageContaining("no image data (IDAT)");
    }

    @Test
    void refusesAPngChunkThatClaimsMoreBytesThanTheFileHas() {
        byte[] lying = concat(Arrays.copyOf(png(10, 10), 33), u32be(0x7FFF_FFF0L), ascii("tEXt"), new byte[20]);

        assertThatThrownBy(() -> probe(lying))
                .isInstanceOf(CorruptImage.class)
                .hasMessageContaining("ends early");
    }

    // JPEG

    @Test
    void refusesAJpegWhoseFrameHeaderClaims65000Square() {
        byte[] huge = withJpegSize(photo("mouse.jpg"), 65_000, 65_000);

        assertThatThrownBy(() -> probe(huge))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image is 65000×65000 = 4225.0 megapixels; the limit is 100.0 megapixels");
    }

    @ParameterizedTest(name = "orientation {0}, little-endian {1}")
    @CsvSource({"6, false", "8, true", "3, false", "1, true"})
    void readsTheExifOrientationOfAJpeg(int orientation, boolean littleEndian) throws IOException {
        // given a photo with an EXIF segment that says how to turn it upright
        byte[] jpeg = afterSoi(photo("mouse.jpg"), exifSegment(tiffWithOrientation(orientation, littleEndian)));

        // when it is probed
        ImageInfo info = probe(jpeg);

        // then the size is as stored and the orientation as tagged
        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.JPEG, 800, 500, 1, orientation));
    }

    @Test
    void swapsTheUprightSizeOfAJpegTaggedAsTurnedAQuarter() throws IOException {
        byte[] jpeg = afterSoi(photo("mouse.jpg"), exifSegment(tiffWithOrientation(6, false)));

        ImageInfo info = probe(jpeg);

        assertThat(info.orientedWidth()).isEqualTo(500);
        assertThat(info.orientedHeight()).isEqualTo(800);
    }

    @ParameterizedTest(name = "orientation value {0}")
    @ValueSource(ints = {0, 9, 0xFFFF})
    void ignoresAnOrientationOutsideOneToEight(int value) throws IOException {
        byte[] jpeg = afterSoi(photo("mouse.jpg"), exifSegment(tiffWithOrientation(value, false)));

        assertThat(probe(jpeg).orientation()).isEqualTo(1);
    }

    @Test
    void ignoresAnExifBlockWhoseDirectoryPointsOutsideIt() throws IOException {
        byte[] tiff = tiffWithOrientation(6, false);
        tiff[4] = (byte) 0x7F; // IFD0 offset now about 2 GB

        assertThat(probe(afterSoi(photo("mouse.jpg"), exifSegment(tiff))).orientation()).isEqualTo(1);
    }

    @Test
    void refusesAJpegWithoutAFrameHeader() {
        // given only SOI, a comment and EOI
        byte[] noFrame = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE, 0, 4, 'h', 'i'},
                new byte[] {(byte) 0xFF, (byte) 0xD9});

        assertThatThrownBy(() -> probe(noFrame))
                .isInstanceOf(CorruptImage.class)
                .hasMessageStartingWith("corrupt JPEG: no frame header (SOF) before the image data");
    }

    // WebP

    @Test
    void readsTheExifOrientationOfAWebp() throws IOException {
        // given an extended WebP with the wood photo's image and an EXIF chunk
        byte[] image = firstWebpChunk(photo("wood.webp"), "VP8 ");
        byte[] webp = webpExtended(0x08, 512, 512, image, riffChunk("EXIF", tiffWithOrientation(5, true)));

        assertThat(probe(webp)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 512, 512, 1, 5));
    }

    @Test
    void readsAWebpExifChunkThatKeepsTheJpegPrefix() throws IOException {
        byte[] image = firstWebpChunk(photo("wood.webp"), "VP8 ");
        byte[] exif = concat(ascii("Exif\0\0"), tiffWithOrientation(7, false));

        assertThat(probe(webpExtended(0x08, 512, 512, image, riffChunk("EXIF", exif))).orientation()).isEqualTo(7);
    }

    @Test
    void countsTheFramesOfAnAnimatedWebp() throws IOException {
        byte[] frame = riffChunk("ANMF", new byte[17]);
        byte[] webp = webpExtended(0x02, 300, 200, riffChunk("ANIM", new byte[6]), frame, frame, frame);

        assertThat(probe(webp)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 300, 200, 3, 1));
    }

    @Test
    void refusesAnAnimatedWebpWithoutFrames() {
        byte[] webp = webpExtended(0x02, 300, 200, riffChunk("ANIM", new byte[6]));

        assertThatThrownBy(() -> probe(webp)).isInstanceOf(CorruptImage.class).hasMessageContaining("no frame");
    }

    @Test
    void refusesAWebpWhoseCanvasIsOverTheLimit() {
        byte[] webp = webpExtended(0, 1 << 24, 1 << 24);

        assertThatThrownBy(() -> probe(webp))
                .isInstanceOf(LimitExceeded.class)
                .hasMessageStartingWith("image is 16777216×16777216");
    }

    @Test
    void refusesAWebpWhoseRiffSizeIsLargerThanTheFile() {
        byte[] wood = photo("wood.webp");
        byte[] truncated = Arrays.copyOf(wood, wood.length - 100);

        assertThatThrownBy(() -> probe(truncated))
                .isInstanceOf(CorruptImage.class)
                .hasMessageStartingWith("corrupt WebP: the RIFF header says 6448 bytes, but there are 6348");
    }

    // AVIF

    @Test
    void readsAnAvifEncodedByLibvips() throws Exception {
        // given the goldfish encoded to AVIF by libvips
        Path png = write("goldfish.png", photo("goldfish.png"));
        Path avif = TestImages.vipsAvif(png, dir);

        // then its header has the size of the original
        assertThat(ImageProbe.probe(avif, LIMITS)).isEqualTo(new ImageInfo(ImageFormat.AVIF, 600, 396, 1, 1));
    }

    @Test
    void reportsTheLargestItemOfAnAvif() throws IOException {
        // given an image item and a smaller thumbnail item
        byte[] avif = avif(ispe(160, 90), ispe(1920, 1080));

        assertThat(probe(avif)).isEqualTo(new ImageInfo(ImageFormat.AVIF, 1920, 1080, 1, 1));
    }

    @Test
    void refusesAnAvifWithAnItemOverTheLimit() {
        byte[] avif = avif(ispe(1920, 1080), ispe(50_000, 50_000));

        assertThatThrownBy(() -> probe(avif))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image is 50000×50000 = 2500.0 megapixels; the limit is 100.0 megapixels");
    }

    @Test
    void countsTheFramesOfAnAvifSequence() throws IOException {
        assertThat(probe(avifSequence(320, 240, 24))).isEqualTo(new ImageInfo(ImageFormat.AVIF, 320, 240, 24, 1));
    }

    @Test
    void refusesAnAvifSequenceWithMoreFramesThanTheLimit() {
        assertThatThrownBy(() -> probe(avifSequence(320, 240, 4_000_000_000L)))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("image has 4000000000 frames; the limit is 500");
    }

    @Test
    void countsAnAvifSequenceWithoutASampleTableAsAnimated() throws IOException {
        byte[] sequence = concat(ftyp("avis", "avif"), TestImages.fullBox("meta",
                box("iprp", box("ipco", ispe(64, 64)))));

        assertThat(probe(sequence).frames()).isGreaterThan(1);
    }

    @Test
    void refusesAnAvifWithoutAnItemSize() {
        byte[] noSize = concat(ftyp("avif", "mif1"), TestImages.fullBox("meta"), box("mdat", new byte[8]));

        assertThatThrownBy(() -> probe(noSize))
                .isInstanceOf(CorruptImage.class)
                .hasMessageStartingWith("corrupt AVIF: no image size (ispe) found");
    }

    @ParameterizedTest(name = "box size {0}")
    @ValueSource(longs = {2, 7, 0xFFFF_FFFFL, 0x7FFF_FFFFL})
    void refusesAnAvifBoxWithAnImpossibleSize(long size) {
        byte[] lying = concat(ftyp("avif", "mif1"), u32be(size), ascii("meta"), new byte[40]);

        assertThatThrownBy(() -> probe(lying))
                .isInstanceOf(CorruptImage.class)
                .hasMessageContaining("box meta claims");
    }

    @Test
    void refusesAnAvifBoxWhose64BitSizeIsHuge() {
        byte[] lying = concat(ftyp("avif", "mif1"), u32be(1), ascii("mdat"), u32be(0xFFFF_FFFFL),
                u32be(0xFFFF_FFFFL), new byte[8]);

        assertThatThrownBy(() -> probe(lying))
                .isInstanceOf(CorruptImage.class)
                .hasMessageContaining("box mdat claims 18446744073709551615 bytes");
    }

    // Refused content

    @Test
    void refusesATextFileNamedLikeAPhoto() throws IOException {
        Path file = write("photo.jpg", ascii("Dear diary, today I took a photo.\n"));

        assertThatThrownBy(() -> ImageProbe.probe(file, LIMITS))
                .isInstanceOf(UnsupportedFormat.class)
                .hasMessage("not a supported image: looks like plain text; "
                        + "supported formats are JPEG, PNG, WebP, AVIF and GIF");
    }

    @Test
    void refusesAnSvgWithAnExternalEntityWithoutResolvingIt() throws IOException {
        // given an SVG that would read /etc/passwd if an XML parser resolved its entity
        Path file = write("avatar.png", ascii("""
                <?xml version="1.0" standalone="yes"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><text>&xxe;</text></svg>
                """));

        // then it is refused as SVG, and nothing of the entity's target shows
        Throwable refusal = catchThrowable(() -> ImageProbe.probe(file, LIMITS));
        assertThat(refusal).isInstanceOf(UnsupportedFormat.class).hasMessageStartingWith(
                "not a supported image: looks like SVG; supported formats are");
        assertThat(refusal.getMessage()).doesNotContain("root:");
    }

    @Test
    void refusesAPdf() throws IOException {
        Path file = write("scan.jpg", ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"));

        assertThatThrownBy(() -> ImageProbe.probe(file, LIMITS))
                .isInstanceOf(UnsupportedFormat.class)
                .hasMessageContaining("looks like PDF");
    }

    @Test
    void refusesATiffWrittenByImageIo() throws IOException {
        Path file = dir.resolve("scan.tif");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "tiff", file.toFile());

        assertThatThrownBy(() -> ImageProbe.probe(file, LIMITS))
                .isInstanceOf(UnsupportedFormat.class)
                .hasMessageContaining("looks like TIFF");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path file = write("empty.png", new byte[0]);

        assertThatThrownBy(() -> ImageProbe.probe(file, LIMITS))
                .isInstanceOf(UnsupportedFormat.class)
                .hasMessageContaining("the file is empty");
    }

    // Byte limit

    @Test
    void refusesAFileOverTheByteLimitWithoutReadingIt() throws IOException {
        // given a 70 MB file of zeros, which would be refused as unrecognised if it were read
        Path file = dir.resolve("big.jpg");
        try (var sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(70L * 1024 * 1024);
        }

        assertThatThrownBy(() -> ImageProbe.probe(file, LIMITS))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("file is 70.0 MB; the limit is 64.0 MB");
    }

    @Test
    void refusesAStreamOverTheByteLimitBeforeReadingAByte() {
        // given a stream that fails if read
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read before the size was checked");
            }
        };

        assertThatThrownBy(() -> ImageProbe.probe(unreadable, 2_000, LIMITS.withMaxBytes(1_000)))
                .isInstanceOf(LimitExceeded.class)
                .hasMessage("file is 2000 bytes; the limit is 1000 bytes");
    }

    @Test
    void refusesAStreamShorterThanItsDeclaredSize() {
        byte[] mouse = photo("mouse.jpg");
        byte[] head = Arrays.copyOf(mouse, 100);

        assertThatThrownBy(() -> ImageProbe.probe(new ByteArrayInputStream(head), mouse.length, LIMITS))
                .isInstanceOf(CorruptImage.class)
                .hasMessageContaining("ends early");
    }

    // Truncation

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mouse.jpg", "goldfish.png", "wood.webp"})
    void refusesEveryTruncationOfAPhotoUntilItsWholeHeaderIsThere(String name) throws IOException {
        // given the photo and every prefix of its first 2 KB
        byte[] whole = photo(name);
        ImageInfo expected = probe(whole);
        int firstAccepted = -1;

        for (int length = 0; length <= 2048; length++) {
            // when the prefix is probed as a whole input
            byte[] prefix = Arrays.copyOf(whole, length);
            Throwable thrown = catchThrowable(() -> probe(prefix));

            // then it is refused as corrupt or unsupported, never with any other exception, until the prefix
            // holds the whole header; from then on, it reads as the whole photo does
            if (thrown == null) {
                firstAccepted = firstAccepted < 0 ? length : firstAccepted;
                assertThat(probe(prefix)).as("prefix of %d bytes", length).isEqualTo(expected);
            } else {
                assertThat(thrown).as("prefix of %d bytes", length)
                        .isInstanceOfAny(CorruptImage.class, UnsupportedFormat.class);
                assertThat(firstAccepted).as("prefix of %d bytes refused after a shorter one was accepted", length)
                        .isEqualTo(-1);
            }
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static ImageInfo probe(byte[] bytes) throws IOException {
        return ImageProbe.probe(new ByteArrayInputStream(bytes), bytes.length, LIMITS);
    }
}
