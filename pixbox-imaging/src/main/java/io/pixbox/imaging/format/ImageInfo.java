package io.pixbox.imaging.format;

/**
 * What the header of an image says, read without decoding any pixels.
 *
 * @param format      the real format, sniffed from magic bytes
 * @param width       width of the first frame as stored (before EXIF orientation)
 * @param height      height of the first frame as stored (before EXIF orientation)
 * @param frames      number of frames; 1 for a still image
 * @param orientation EXIF orientation 1–8; 1 when absent
 */
public record ImageInfo(ImageFormat format, int width, int height, int frames, int orientation) {

    public ImageInfo {
        if (width < 1 || height < 1 || frames < 1 || orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("impossible header: " + width + "x" + height
                    + ", " + frames + " frames, orientation " + orientation);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    /** Whether the EXIF orientation swaps width and height (orientations 5–8). */
    public boolean transposed() {
        return orientation >= 5;
    }

    /** Width once upright. */
    public int orientedWidth() {
        return transposed() ? height : width;
    }

    /** Height once upright. */
    public int orientedHeight() {
        return transposed() ? width : height;
    }
}
