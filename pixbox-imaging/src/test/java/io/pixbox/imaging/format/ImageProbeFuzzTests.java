package io.pixbox.imaging.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import io.pixbox.imaging.ImagingException.UnsupportedFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probes thousands of damaged copies of real images: each must read as a plausible image or be refused with an
 * imaging error, quickly and in bounded memory. Run with {@code -Dpixbox.fuzz.seed=N} to replay a failure.
 */
class ImageProbeFuzzTests {

    private static final long SEED = Long.getLong("pixbox.fuzz.seed", 20_250_101L);
    private static final int CASES = 4_000;
    private static final int BATCH = 500;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);
    /** Far above what a probe needs (an 8 KB buffer, at most one 64 KB EXIF block), far below a decode. */
    private static final long MAX_BYTES_ALLOCATED = 1024 * 1024;
    private static final Limits LIMITS = Limits.DEFAULT;

    private static final Map<String, byte[]> IMAGES = new LinkedHashMap<>();

    @BeforeAll
    static void gatherImages(@TempDir Path dir) throws Exception {
        for (String photo : new String[] {"mouse.jpg", "goldfish.png", "wood.webp"}) {
            IMAGES.put(photo, TestImages.photo(photo));
        }
        byte[] exif = TestImages.exifSegment(TestImages.tiffWithOrientation(6, true));
        IMAGES.put("mouse.jpg with EXIF", TestImages.afterSoi(TestImages.photo("mouse.jpg"), exif));
        IMAGES.put("APNG", TestImages.afterIhdr(TestImages.photo("goldfish.png"), TestImages.acTL(8)));
        IMAGES.put("animated GIF", TestImages.gif(48, 32, 5));
        Path png = Files.write(dir.resolve("goldfish.png"), TestImages.photo("goldfish.png"));
        IMAGES.put("AVIF by libvips", Files.readAllBytes(TestImages.vipsAvif(png, dir)));
        IMAGES.put("AVIF sequence", TestImages.avifSequence(320, 240, 24));
    }

    static Stream<String> images() {
        return Stream.of("mouse.jpg", "goldfish.png", "wood.webp", "mouse.jpg with EXIF", "APNG", "animated GIF",
                "AVIF by libvips", "AVIF sequence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void readsOrRefusesEveryDamagedCopyOfAnImage(String name) {
        // given an image that probes cleanly
        byte[] original = IMAGES.get(name);
        Mutator mutator = new Mutator(original);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        long started = System.nanoTime();

        // when thousands of damaged copies are probed, in batches that must each finish in time
        for (int batch = 0; batch < CASES; batch += BATCH) {
            int first = batch;
            assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
                for (int i = first; i < first + BATCH; i++) {
                    outcomes.merge(probeOne(name, mutator, i), 1, Integer::sum);
                }
            }, () -> "%s: a batch from case %d took over %s (seed %d)".formatted(name, first, BATCH_TIMEOUT, SEED));
        }

        // then every one was read or refused with an imaging error, and the undamaged original still reads
        System.out.printf("fuzzed %s: %d cases, seed %d, %s in %d ms%n", name, CASES, SEED, outcomes,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
    }

    /** Probes case {@code index}, which depends only on the seed, the image and the index, and names its outcome. */
    private static String probeOne(String name, Mutator mutator, int index) {
        Mutator.Mutant mutant = mutator.mutate(new Random(SEED * 1_000_003 + name.hashCode() * 7_919L + index));
        String context = "%s, seed %d, case %d (%s)".formatted(name, SEED, index, mutant.description());
        String[] outcome = new String[1];
        long allocated = allocatedBy(() -> outcome[0] = probe(mutant.bytes(), context));
        if (allocated > MAX_BYTES_ALLOCATED) {
            // The first time a path runs, loading its classes allocates too: only a second, steady run counts.
            allocated = allocatedBy(() -> probe(mutant.bytes(), context));
            if (allocated > MAX_BYTES_ALLOCATED) {
                fail(context + ": allocated " + allocated + " bytes");
            }
        }
        return outcome[0];
    }

    private static String probe(byte[] bytes, String context) {
        try {
            ImageInfo info = ImageProbe.probe(new ByteArrayInputStream(bytes), bytes.length, LIMITS);
            assertPlausible(info, bytes, context);
            return "read";
        } catch (UnsupportedFormat e) {
            return "unsupported";
        } catch (CorruptImage e) {
            return "corrupt";
        } catch (LimitExceeded e) {
            return "over a limit";
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(context + ": threw " + e, e);
        }
    }

    private static long allocatedBy(Runnable action) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static void assertPlausible(ImageInfo info, byte[] bytes, String context) {
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, FormatSniffer.HEAD_LENGTH));
        assertThat(FormatSniffer.sniff(head)).as(context).contains(info.format());
        assertThat(info.width()).as(context).isBetween(1, LIMITS.maxDimension());
        assertThat(info.height()).as(context).isBetween(1, LIMITS.maxDimension());
        assertThat(info.pixels()).as(context).isLessThanOrEqualTo(LIMITS.maxPixels());
        assertThat(info.frames()).as(context).isBetween(1, LIMITS.maxFrames());
    }
}
