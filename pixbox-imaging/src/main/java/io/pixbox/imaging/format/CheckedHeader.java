package io.pixbox.imaging.format;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.LimitExceeded;
import java.util.Locale;

/** What a header says about an image, each fact checked against the limits the moment a reader finds it. */
final class CheckedHeader {

    private final ImageFormat format;
    private final Limits limits;
    private long width;
    private long height;
    private long frames = 1;
    private int orientation = 1;

    CheckedHeader(ImageFormat format, Limits limits) {
        this.format = format;
        this.limits = limits;
    }

    /** Sets the size, which may come straight from the file, so anything up to {@code 2^32} per side. */
    void size(long width, long height) {
        if (width < 1 || height < 1) {
            throw corrupt("the header says the image is " + width + "×" + height);
        }
        // Divides rather than multiplies: two 32-bit sides overflow a long.
        if (width > limits.maxPixels() / height) {
            throw new LimitExceeded("image is " + width + "×" + height + " = " + pixels((double) width * height)
                    + "; the limit is " + pixels(limits.maxPixels()));
        }
        if (width > limits.maxDimension() || height > limits.maxDimension()) {
            throw new LimitExceeded("image is " + width + "×" + height + "; the limit is "
                    + limits.maxDimension() + " pixels a side");
        }
        this.width = width;
        this.height = height;
    }

    /** Sets the frame count a header declares, such as an APNG's {@code acTL}. */
    void frames(long declared) {
        if (declared < 1) {
            throw corrupt("the header declares " + declared + " frames");
        }
        if (declared > limits.maxFrames()) {
            throw new LimitExceeded("image has " + declared + " frames; the limit is " + limits.maxFrames());
        }
        frames = declared;
    }

    /**
     * Counts one more frame, for readers that find frames one by one, so that a reader stops at the first
     * frame over the limit instead of walking the rest.
     */
    void frameCounted(long count) {
        if (count > limits.maxFrames()) {
            throw new LimitExceeded("image has more than " + limits.maxFrames() + " frames; the limit is "
                    + limits.maxFrames());
        }
        frames = count;
    }

    /** Sets the EXIF orientation; values outside 1–8 are ignored, as decoders ignore them. */
    void orientation(int value) {
        if (value >= 1 && value <= 8) {
            orientation = value;
        }
    }

    ImageInfo info() {
        if (width == 0) {
            throw corrupt("no image size found");
        }
        return new ImageInfo(format, (int) width, (int) height, (int) frames, orientation);
    }

    private CorruptImage corrupt(String reason) {
        return new CorruptImage("corrupt " + FormatSniffer.displayName(format) + ": " + reason);
    }

    private static String pixels(double count) {
        if (count < 100_000) {
            return String.format(Locale.ROOT, "%.0f pixels", count);
        }
        return String.format(Locale.ROOT, "%.1f megapixels", count / 1_000_000);
    }
}
