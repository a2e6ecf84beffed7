package io.pixbox.imaging.format;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real photos and hand-built image structures, well-formed or hostile, for the probe tests. */
final class TestImages {

    private TestImages() {
    }

    static byte[] photo(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test photo " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] u32be(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    static byte[] u16be(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    static byte[] u32le(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    static byte[] u16le(int value) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array();
    }

    /** {@code original} with {@code inserted} spliced in at {@code offset}. */
    static byte[] insert(byte[] original, int offset, byte[] inserted) {
        return concat(Arrays.copyOfRange(original, 0, offset), inserted,
                Arrays.copyOfRange(original, offset, original.length));
    }

    // PNG

    static byte[] pngChunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return concat(u32be(data.length), ascii(type), data, u32be(crc.getValue()));
    }

    static byte[] ihdr(long width, long height) {
        return pngChunk("IHDR", concat(u32be(width), u32be(height), new byte[] {8, 6, 0, 0, 0}));
    }

    /** A PNG with a real-looking header and a tiny, undecodable IDAT: enough for a probe, never for a decoder. */
    static byte[] png(long width, long height, byte[]... chunksBeforeData) {
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, ihdr(width, height),
                concat(chunksBeforeData), pngChunk("IDAT", new byte[] {0x78, 0x01}), pngChunk("IEND", new byte[0]));
    }

    static byte[] acTL(long frames) {
        return pngChunk("acTL", concat(u32be(frames), u32be(0)));
    }

    /** A real PNG with {@code chunk} inserted right after its IHDR, where APNG puts {@code acTL}. */
    static byte[] afterIhdr(byte[] png, byte[] chunk) {
        return insert(png, 8 + 25, chunk);
    }

    // JPEG

    /** A TIFF block whose first IFD holds only an orientation tag. */
    static byte[] tiffWithOrientation(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? ascii("II") : ascii("MM")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return tiff.array();
    }

    static byte[] exifSegment(byte[] tiff) {
        byte[] payload = concat(ascii("Exif"), new byte[2], tiff);
        return concat(new byte[] {(byte) 0xFF, (byte) 0xE1}, u16be(payload.length + 2), payload);
    }

    /** A real JPEG with {@code segment} right after its SOI marker. */
    static byte[] afterSoi(byte[] jpeg, byte[] segment) {
        return insert(jpeg, 2, segment);
    }

    /** A copy of a JPEG whose first baseline frame header (SOF0) claims another size. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int sof = indexOf(copy, new byte[] {(byte) 0xFF, (byte) 0xC0});
        ByteBuffer.wrap(copy, sof + 5, 4).putShort((short) height).putShort((short) width);
        return copy;
    }

    static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }

    // GIF

    /** A GIF written by ImageIO, with {@code frames} frames written through its sequence API. */
    static byte[] gif(int width, int height, int frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                var g = frame.createGraphics();
                g.setColor(Color.getHSBColor(i / (float) frames, 0.8f, 0.9f));
                g.fillRect(0, 0, width, height);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    // ISO-BMFF (AVIF)

    static byte[] box(String type, byte[]... content) {
        byte[] payload = concat(content);
        return concat(u32be(8 + payload.length), ascii(type), payload);
    }

    static byte[] fullBox(String type, byte[]... content) {
        return box(type, concat(new byte[4], concat(content)));
    }

    static byte[] ftyp(String major, String... compatible) {
        byte[][] brands = new byte[compatible.length][];
        for (int i = 0; i < compatible.length; i++) {
            brands[i] = ascii(compatible[i]);
        }
        return box("ftyp", ascii(major), new byte[4], concat(brands));
    }

    static byte[] ispe(long width, long height) {
        return fullBox("ispe", u32be(width), u32be(height));
    }

    /** A still AVIF's box structure with the given item sizes; its image data is not real AV1. */
    static byte[] avif(byte[]... ispes) {
        return concat(ftyp("avif", "mif1", "miaf"),
                fullBox("meta", fullBox("hdlr", new byte[4], ascii("pict"), new byte[13]),
                        box("iprp", box("ipco", ispes))),
                box("mdat", new byte[16]));
    }

    /** An AVIF image sequence with one track of {@code samples} samples, each {@code width}×{@code height}. */
    static byte[] avifSequence(int width, int height, long samples) {
        byte[] sampleEntry = box("av01", new byte[24], u16be(width), u16be(height), new byte[50]);
        byte[] stbl = box("stbl", fullBox("stsd", u32be(1), sampleEntry),
                fullBox("stsz", u32be(0), u32be(samples)));
        byte[] moov = box("moov", box("trak", box("mdia", box("minf", stbl))));
        return concat(ftyp("avis", "avif", "msf1", "mif1"),
                fullBox("meta", box("iprp", box("ipco", ispe(width, height)))), moov, box("mdat", new byte[16]));
    }

    /** Encodes {@code source} to AVIF with the libvips command line, as the engine would. */
    static Path vipsAvif(Path source, Path directory) throws IOException, InterruptedException {
        Path avif = directory.resolve(source.getFileName().toString().replaceAll("\\.\\w+$", "") + ".avif");
        Process vips = new ProcessBuilder("vips", "copy", source.toString(), avif.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(vips.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!vips.waitFor(60, TimeUnit.SECONDS) || vips.exitValue() != 0 || !Files.exists(avif)) {
            throw new IllegalStateException("vips could not write " + avif + ": " + output);
        }
        return avif;
    }

    // WebP

    /** A WebP in the extended format: a VP8X header, {@code chunks} in order, and the right RIFF size. */
    static byte[] webpExtended(int flags, int width, int height, byte[]... chunks) {
        byte[] vp8x = riffChunk("VP8X", concat(new byte[] {(byte) flags, 0, 0, 0},
                u24le(width - 1), u24le(height - 1)));
        byte[] body = concat(ascii("WEBP"), vp8x, concat(chunks));
        return concat(ascii("RIFF"), u32le(body.length), body);
    }

    static byte[] riffChunk(String type, byte[] data) {
        byte[] padding = new byte[data.length % 2];
        return concat(ascii(type), u32le(data.length), data, padding);
    }

    /** The first chunk after the RIFF header of a simple WebP: its VP8 or VP8L image, header included. */
    static byte[] firstWebpChunk(byte[] webp, String type) {
        int at = indexOf(webp, ascii(type));
        long size = ByteBuffer.wrap(webp, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        return Arrays.copyOfRange(webp, at, at + 8 + (int) size + (int) (size % 2));
    }

    private static byte[] u24le(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    }
}
