package io.pixbox.imaging.format;

import io.pixbox.imaging.ImagingException.UnsupportedFormat;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells an image's format from its first bytes alone, never from a file name or a declared media type,
 * and names common look-alikes that Pixbox refuses. Text is matched as bytes: nothing is ever parsed as XML.
 */
public final class FormatSniffer {

    /** How many leading bytes sniffing looks at; pass this many when the input has them. */
    public static final int HEAD_LENGTH = 1024;

    private static final String SUPPORTED = supportedList();

    private FormatSniffer() {
    }

    /** The format of an input that starts with {@code head}, or empty when Pixbox does not accept it. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
            return Optional.of(ImageFormat.GIF);
        }
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP")) {
            return Optional.of(ImageFormat.WEBP);
        }
        if (hasBrand(head, "avif") || hasBrand(head, "avis")) {
            return Optional.of(ImageFormat.AVIF);
        }
        return Optional.empty();
    }

    /**
     * The format of an input that starts with {@code head}.
     *
     * @throws UnsupportedFormat naming what the input looks like, when Pixbox does not accept it
     */
    public static ImageFormat sniffSupported(byte[] head) {
        return sniff(head).orElseThrow(() -> new UnsupportedFormat(lookalike(head)
                .map(what -> "not a supported image: " + what + "; supported formats are " + SUPPORTED)
                .orElse("not a supported image (unrecognised content); supported formats are " + SUPPORTED)));
    }

    /** The name people know a format by, such as {@code WebP}. */
    static String displayName(ImageFormat format) {
        return switch (format) {
            case JPEG -> "JPEG";
            case PNG -> "PNG";
            case WEBP -> "WebP";
            case AVIF -> "AVIF";
            case GIF -> "GIF";
        };
    }

    private static Optional<String> lookalike(byte[] head) {
        if (head.length == 0) {
            return Optional.of("the file is empty");
        }
        if (startsWith(head, 0, "%PDF-")) {
            return Optional.of("looks like PDF");
        }
        if (startsWith(head, 0, 'I', 'I', 42, 0) || startsWith(head, 0, 'M', 'M', 0, 42)
                || startsWith(head, 0, 'I', 'I', 43, 0) || startsWith(head, 0, 'M', 'M', 0, 43)) {
            return Optional.of("looks like TIFF");
        }
        if (startsWith(head, 0, "BM") && head.length >= 18 && isBmpInfoHeaderSize(head[14] & 0xFF)
                && head[15] == 0 && head[16] == 0 && head[17] == 0) {
            return Optional.of("looks like BMP");
        }
        if (startsWith(head, 0, 'P', 'K', 3, 4) || startsWith(head, 0, 'P', 'K', 5, 6)) {
            return Optional.of("looks like a ZIP archive");
        }
        if (hasBrand(head, "heic") || hasBrand(head, "heix") || hasBrand(head, "mif1") || hasBrand(head, "msf1")) {
            return Optional.of("looks like HEIC");
        }
        if (startsWith(head, 4, "ftyp")) {
            return Optional.of("looks like an ISO media file such as MP4 or MOV");
        }
        if (startsWith(head, 0, "RIFF")) {
            return Optional.of("looks like a RIFF file such as WAV or AVI, not WebP");
        }
        if (isText(head)) {
            return Optional.of(describeText(head));
        }
        return Optional.empty();
    }

    private static String describeText(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String start = text.startsWith("\u00ef\u00bb\u00bf") ? text.substring(3).strip() : text.strip();
        if (text.contains("<svg") || text.contains("<!doctype svg")) {
            return "looks like SVG";
        }
        if (text.contains("<html") || text.contains("<!doctype html")) {
            return "looks like HTML";
        }
        if (start.startsWith("<")) {
            return "looks like XML";
        }
        return "looks like plain text";
    }

    /** Whether {@code head} is UTF-8 text without control characters other than white space. */
    private static boolean isText(byte[] head) {
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                return false;
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Not the end of input: a character cut in two by the end of the head is not an error.
        return !utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false).isError();
    }

    /** Whether {@code head} starts with an ISO-BMFF {@code ftyp} box listing {@code brand}, as major or compatible. */
    private static boolean hasBrand(byte[] head, String brand) {
        if (head.length < 16 || !startsWith(head, 4, "ftyp")) {
            return false;
        }
        long boxSize = (head[0] & 0xFFL) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
        int brandsEnd = (int) Math.min(boxSize, head.length);
        if (startsWith(head, 8, brand)) {
            return true;
        }
        for (int at = 16; at + 4 <= brandsEnd; at += 4) {
            if (startsWith(head, at, brand)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBmpInfoHeaderSize(int size) {
        return size == 12 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108 || size == 124;
    }

    private static boolean startsWith(byte[] head, int offset, String ascii) {
        return startsWith(head, offset, ascii.chars().toArray());
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String supportedList() {
        String[] names = Arrays.stream(ImageFormat.values()).map(FormatSniffer::displayName).toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "))
                + " and " + names[names.length - 1];
    }
}
