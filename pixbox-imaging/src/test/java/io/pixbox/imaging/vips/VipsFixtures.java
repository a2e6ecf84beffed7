package io.pixbox.imaging.vips;

import static io.pixbox.imaging.vips.Vips.option;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.vips.Vips.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Makes test images with libvips itself, and reads back what the engine wrote. */
final class VipsFixtures {

    static final Path PHOTOS = Path.of("src/test/resources/photos");

    private static final Vips VIPS = Vips.get();
    private static int objectsSeen;

    private VipsFixtures() {
    }

    /** What a decoder sees in encoded bytes. */
    record Decoded(ImageFormat format, int width, int height, int bands) {
    }

    /** The header of {@code file} as {@link io.pixbox.imaging.engine.ImageProcessor} would report it. */
    static ImageInfo info(Path file) throws IOException {
        ImageFormat format = sniff(Files.readAllBytes(file));
        try (Pipeline pipeline = pipeline()) {
            Image image = pipeline.call("vips_" + loader(format) + "load", file.toString(), Pipeline.OUT);
            int orientation = 1;
            MemorySegment name = pipeline.arena().allocateFrom("orientation");
            if (VIPS.callLong("vips_image_get_typeof", image.pointer(), name) != 0) {
                MemorySegment value = pipeline.arena().allocate(JAVA_INT);
                VIPS.callInt("vips_image_get_int", image.pointer(), name, value);
                orientation = value.get(JAVA_INT, 0);
            }
            return new ImageInfo(format, image.width(), image.height(), 1, orientation);
        }
    }

    static Decoded decode(byte[] bytes) {
        return read(bytes, image -> new Decoded(sniff(bytes), image.width(), image.height(), image.bands()));
    }

    /** Sets a metadata field: a string for {@code exif-*} fields, a blob for the rest. */
    static void setMetadata(Image image, String field, String value) {
        Arena arena = image.pipeline().arena();
        if (field.startsWith("exif-")) {
            VIPS.callVoid("vips_image_set_string", image.pointer(), arena.allocateFrom(field), arena.allocateFrom(value));
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            VIPS.callVoid("vips_image_set_blob_copy", image.pointer(), arena.allocateFrom(field),
                    arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes), (long) bytes.length);
        }
    }

    /** The band values of the pixel at {@code x, y}. */
    static double[] pixel(byte[] bytes, int x, int y) {
        return read(bytes, image -> {
            Arena arena = image.pipeline().arena();
            MemorySegment vector = arena.allocate(ADDRESS);
            MemorySegment n = arena.allocate(JAVA_INT);
            succeed(VIPS.callVariadic(arena, "vips_getpoint", List.of(image.pointer(), vector, n, x, y), List.of()));
            MemorySegment values = vector.get(ADDRESS, 0).reinterpret(n.get(JAVA_INT, 0) * JAVA_DOUBLE.byteSize());
            try {
                return values.toArray(JAVA_DOUBLE);
            } finally {
                VIPS.callVoid("g_free", values);
            }
        });
    }

    /**
     * Writes a smooth {@code width × height} sRGB gradient with libvips, in the format of the file's
     * extension; {@code change} may alter the image first.
     */
    static Path gradient(Path file, int width, int height, Function<Image, Image> change, Option... options) {
        try (Pipeline pipeline = pipeline()) {
            Image image = pipeline.call("vips_xyz", Pipeline.OUT, width, height)
                    .apply("vips_linear", new double[] {255.0 / width, 255.0 / height}, new double[] {0, 0}, 2,
                            option("uchar", true))
                    .apply("vips_bandjoin_const1", 128.0)
                    .apply("vips_copy", option("interpretation", Vips.INTERPRETATION_SRGB));
            write(change.apply(image), file, options);
            return file;
        }
    }

    static Path gradient(Path file, int width, int height) {
        return gradient(file, width, height, Function.identity());
    }

    static void write(Image image, Path file, Option... options) {
        Arena arena = image.pipeline().arena();
        List<Object> args = List.of(image.pointer(), file.toString());
        succeed(VIPS.callVariadic(arena, "vips_image_write_to_file", args, Arrays.asList(options)));
    }

    /** A copy of {@code image} whose EXIF orientation tag says {@code orientation}. */
    static Image oriented(Image image, int orientation) {
        Image copy = image.apply("vips_copy");
        VIPS.callVoid("vips_image_set_int", copy.pointer(), copy.pipeline().arena().allocateFrom("orientation"),
                orientation);
        return copy;
    }

    /** How many VipsObjects (images, operations, sources) exist right now, by libvips' own count. */
    static synchronized int liveObjects() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = Linker.nativeLinker().upcallStub(
                    MethodHandles.lookup().findStatic(VipsFixtures.class, "countObject",
                            MethodType.methodType(MemorySegment.class, MemorySegment.class, MemorySegment.class,
                                    MemorySegment.class)),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), arena);
            objectsSeen = 0;
            VIPS.callAddress("vips_object_map", count, MemorySegment.NULL, MemorySegment.NULL);
            return objectsSeen;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemorySegment countObject(MemorySegment object, MemorySegment a, MemorySegment b) {
        objectsSeen++;
        return MemorySegment.NULL;
    }

    static long trackedMemory() {
        return VIPS.callLong("vips_tracked_get_mem");
    }

    static int trackedAllocations() {
        return VIPS.callInt("vips_tracked_get_allocs");
    }

    /** Bytes malloc has handed out and not had back, over all arenas: glibc's mallinfo2 uordblks + hblkhd. */
    static long mallocedBytes() {
        StructLayout mallinfo2 = MemoryLayout.structLayout(MemoryLayout.sequenceLayout(10, JAVA_LONG));
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle handle = Linker.nativeLinker().downcallHandle(
                    Linker.nativeLinker().defaultLookup().find("mallinfo2").orElseThrow(),
                    FunctionDescriptor.of(mallinfo2));
            long[] fields = ((MemorySegment) handle.invokeExact((SegmentAllocator) arena)).toArray(JAVA_LONG);
            return fields[7] + fields[4];
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** This process's resident set size in bytes, from /proc/self/status. */
    static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImageFormat sniff(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 12), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00ff\u00d8")) {
            return ImageFormat.JPEG;
        } else if (head.startsWith("\u0089PNG")) {
            return ImageFormat.PNG;
        } else if (head.startsWith("RIFF") && head.endsWith("WEBP")) {
            return ImageFormat.WEBP;
        } else if (head.startsWith("GIF8")) {
            return ImageFormat.GIF;
        } else if (head.startsWith("ftypavif", 4)) {
            return ImageFormat.AVIF;
        }
        throw new IllegalArgumentException("not an image: " + head);
    }

    private static <T> T read(byte[] bytes, Function<Image, T> reader) {
        try (Pipeline pipeline = pipeline()) {
            MemorySegment buffer = pipeline.arena().allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes);
            Image image = pipeline.call("vips_" + loader(sniff(bytes)) + "load_buffer", buffer, (long) bytes.length,
                    Pipeline.OUT);
            return reader.apply(image);
        }
    }

    private static String loader(ImageFormat format) {
        return format == ImageFormat.AVIF ? "heif" : format.recipeName();
    }

    private static Pipeline pipeline() {
        return new Pipeline(VIPS, Deadline.after(Duration.ofMinutes(5)));
    }

    private static void succeed(int status) {
        if (status != 0) {
            throw new IllegalStateException(VIPS.takeError());
        }
    }
}
