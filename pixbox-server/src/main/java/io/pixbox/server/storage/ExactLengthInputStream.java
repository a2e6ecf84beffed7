package io.pixbox.server.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads exactly the declared number of bytes from a caller's stream and fails when it ends sooner, so that a
 * short upload is refused rather than stored truncated. It never closes the stream: the caller opened it.
 */
final class ExactLengthInputStream extends InputStream {

    private final InputStream content;
    private final long length;
    private long read;

    ExactLengthInputStream(InputStream content, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("content length must be 0 or more, got " + length);
        }
        this.content = content;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (read == length) {
            return -1;
        }
        int n = content.read(buffer, offset, (int) Math.min(count, length - read));
        if (n < 0) {
            throw new EOFException("content ended after " + read + " of the " + length + " bytes declared");
        }
        read += n;
        return n;
    }
}
