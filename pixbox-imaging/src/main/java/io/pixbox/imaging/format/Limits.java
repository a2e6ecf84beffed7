package io.pixbox.imaging.format;

import java.time.Duration;

/**
 * What an input may be before Pixbox agrees to decode it. Every limit is checked from the header
 * alone, before any pixel is decoded, except the time limit, which bounds the decode itself.
 *
 * @param maxBytes     largest accepted file, in bytes
 * @param maxPixels    largest accepted width × height of one frame
 * @param maxDimension largest accepted width or height
 * @param maxFrames    most frames (animation) an input may carry
 * @param timeout      longest a decode and its processing may take
 */
public record Limits(long maxBytes, long maxPixels, int maxDimension, int maxFrames, Duration timeout) {

    /** 64 MiB, 100 megapixels, 32768 px a side, 500 frames, 60 seconds. */
    public static final Limits DEFAULT =
            new Limits(64L * 1024 * 1024, 100_000_000L, 32_768, 500, Duration.ofSeconds(60));

    public Limits {
        if (maxBytes < 1 || maxPixels < 1 || maxDimension < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxPixels
                    + ", " + maxDimension + ", " + maxFrames);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    public Limits withMaxPixels(long pixels) {
        return new Limits(maxBytes, pixels, maxDimension, maxFrames, timeout);
    }

    public Limits withMaxBytes(long bytes) {
        return new Limits(bytes, maxPixels, maxDimension, maxFrames, timeout);
    }

    public Limits withTimeout(Duration limit) {
        return new Limits(maxBytes, maxPixels, maxDimension, maxFrames, limit);
    }
}
