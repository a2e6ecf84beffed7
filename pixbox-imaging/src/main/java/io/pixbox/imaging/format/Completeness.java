package io.pixbox.imaging.format;

import io.pixbox.imaging.ImagingException.CorruptImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells a whole file from a truncated one by its last bytes, decoding nothing: a JPEG ends with its
 * end-of-image marker, a PNG with its {@code IEND} chunk, a GIF with its trailer. Trailing bytes after
 * the end are tolerated, as decoders tolerate them.
 */
final class Completeness {

    /** How far from the end the end marker may lie, to allow for trailing bytes some cameras append. */
    private static final int TAIL = 64 * 1024;
    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private Completeness() {
    }

    static void check(Path file, ImageFormat format) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            boolean complete = switch (format) {
                case JPEG -> contains(tail(channel, size), JPEG_END);
                case PNG -> contains(tail(channel, size), PNG_END);
                case GIF -> endsWithGifTrailer(tail(channel, size));
                // The WebP header reader already holds the RIFF length against the file's; an AVIF's boxes may
                // come in any order, so its decoder finds truncation when it runs.
                case WEBP, AVIF -> true;
            };
            if (!complete) {
                throw new CorruptImage("corrupt " + FormatSniffer.displayName(format)
                        + ": the file ends early (truncated?)");
            }
        }
    }

    private static byte[] tail(FileChannel channel, long size) throws IOException {
        int length = (int) Math.min(size, TAIL);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = size - length;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                break;
            }
        }
        return buffer.array();
    }

    /** The GIF trailer {@code 0x3B}, possibly followed by zero padding. */
    private static boolean endsWithGifTrailer(byte[] tail) {
        for (int i = tail.length - 1; i >= 0; i--) {
            if (tail[i] != 0) {
                return tail[i] == 0x3B;
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
