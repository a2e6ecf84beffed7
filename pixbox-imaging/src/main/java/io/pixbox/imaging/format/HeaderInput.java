package io.pixbox.imaging.format;

import io.pixbox.imaging.ImagingException.CorruptImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads an image header from a stream of known length, refusing any read or skip past its end. */
final class HeaderInput {

    /** The largest block {@link #bytes} hands out: a JPEG segment is at most this long. */
    static final int MAX_BLOCK = 65_536;

    private static final int BUFFER_SIZE = 8192;

    private final String formatName;
    private final InputStream in;
    private final long size;
    private final byte[] buffer;
    private int next;
    private int end;
    private long position;

    /**
     * @param head the first bytes of {@code in}, already read from it for sniffing
     * @param size the length of the whole input, {@code head} included
     */
    HeaderInput(String formatName, byte[] head, InputStream in, long size) {
        this.formatName = formatName;
        this.in = in;
        this.size = size;
        this.buffer = Arrays.copyOf(head, Math.max(BUFFER_SIZE, head.length));
        this.end = head.length;
    }

    long position() {
        return position;
    }

    long size() {
        return size;
    }

    long remaining() {
        return size - position;
    }

    int u8() throws IOException {
        ensure(1);
        return take();
    }

    int u16be() throws IOException {
        ensure(2);
        return take() << 8 | take();
    }

    int u16le() throws IOException {
        ensure(2);
        return take() | take() << 8;
    }

    int u24le() throws IOException {
        ensure(3);
        return take() | take() << 8 | take() << 16;
    }

    long u32be() throws IOException {
        ensure(4);
        return (long) take() << 24 | take() << 16 | take() << 8 | take();
    }

    long u32le() throws IOException {
        ensure(4);
        return take() | take() << 8 | take() << 16 | (long) take() << 24;
    }

    /** An unsigned 64-bit value; negative when it does not fit a {@code long}. */
    long u64be() throws IOException {
        return u32be() << 32 | u32be();
    }

    /** Four bytes as text, such as a PNG chunk type; bytes that are not printable ASCII read as {@code ?}. */
    String fourCC() throws IOException {
        ensure(4);
        byte[] tag = new byte[4];
        for (int i = 0; i < 4; i++) {
            int b = take();
            tag[i] = (byte) (b >= 0x20 && b < 0x7F ? b : '?');
        }
        return new String(tag, StandardCharsets.US_ASCII);
    }

    /** The next {@code n} bytes; {@code n} is bounded by the caller, never taken from the file unchecked. */
    byte[] bytes(int n) throws IOException {
        if (n < 0 || n > MAX_BLOCK) {
            throw new IllegalArgumentException("block of " + n + " bytes");
        }
        requireRemaining(n);
        byte[] block = new byte[n];
        int copied = 0;
        while (copied < n) {
            ensure(1);
            int chunk = Math.min(end - next, n - copied);
            System.arraycopy(buffer, next, block, copied, chunk);
            next += chunk;
            position += chunk;
            copied += chunk;
        }
        return block;
    }

    void skip(long n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("negative skip: " + n);
        }
        requireRemaining(n);
        int buffered = (int) Math.min(n, end - next);
        next += buffered;
        position += buffered;
        long rest = n - buffered;
        if (rest > 0) {
            try {
                in.skipNBytes(rest);
            } catch (EOFException e) {
                throw endsEarly(rest);
            }
            position += rest;
        }
    }

    /** Skips forward to {@code target}, which a reader has already checked lies within the input. */
    void skipTo(long target) throws IOException {
        skip(target - position);
    }

    CorruptImage corrupt(String reason) {
        return new CorruptImage("corrupt " + formatName + ": " + reason + " (at byte " + position + ")");
    }

    private int take() {
        position++;
        return buffer[next++] & 0xFF;
    }

    private void ensure(int n) throws IOException {
        if (end - next >= n) {
            return;
        }
        requireRemaining(n);
        System.arraycopy(buffer, next, buffer, 0, end - next);
        end -= next;
        next = 0;
        long unbuffered = size - position - end;
        while (end < n) {
            int read = in.read(buffer, end, (int) Math.min(buffer.length - end, unbuffered));
            if (read < 0) {
                throw endsEarly(n - end);
            }
            end += read;
            unbuffered -= read;
        }
    }

    private void requireRemaining(long n) {
        if (n > remaining()) {
            throw endsEarly(n);
        }
    }

    private CorruptImage endsEarly(long needed) {
        return new CorruptImage("corrupt " + formatName + ": it ends early, " + needed
                + (needed == 1 ? " more byte" : " more bytes") + " needed at byte " + position + " of " + size);
    }
}
