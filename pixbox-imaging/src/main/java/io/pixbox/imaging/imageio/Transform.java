package io.pixbox.imaging.imageio;

/**
 * The eight ways to rotate and mirror a picture onto the pixel grid: EXIF orientations,
 * {@code rotate} and {@code flip}.
 */
enum Transform {
    NONE(false),
    FLIP_H(false),
    FLIP_V(false),
    ROTATE_90(true),
    ROTATE_180(false),
    ROTATE_270(true),
    /** Mirrors across the top-left to bottom-right diagonal. */
    TRANSPOSE(true),
    /** Mirrors across the top-right to bottom-left diagonal. */
    TRANSVERSE(true);

    private final boolean swapsAxes;

    Transform(boolean swapsAxes) {
        this.swapsAxes = swapsAxes;
    }

    /** What turns a picture stored with EXIF orientation {@code orientation} (1–8) upright. */
    static Transform upright(int orientation) {
        return switch (orientation) {
            case 2 -> FLIP_H;
            case 3 -> ROTATE_180;
            case 4 -> FLIP_V;
            case 5 -> TRANSPOSE;
            case 6 -> ROTATE_90;
            case 7 -> TRANSVERSE;
            case 8 -> ROTATE_270;
            default -> NONE;
        };
    }

    /** A clockwise rotation by 90, 180 or 270 degrees. */
    static Transform rotation(int degrees) {
        return switch (degrees) {
            case 90 -> ROTATE_90;
            case 180 -> ROTATE_180;
            case 270 -> ROTATE_270;
            default -> throw new IllegalArgumentException("not a right angle: " + degrees);
        };
    }

    boolean swapsAxes() {
        return swapsAxes;
    }

    Bitmap apply(Bitmap in) {
        if (this == NONE) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        // Input pixel (x, y) lands at origin + x·column + y·row in the output.
        int origin;
        int column;
        int row;
        switch (this) {
            case FLIP_H -> { origin = w - 1; column = -1; row = w; }
            case FLIP_V -> { origin = (h - 1) * w; column = 1; row = -w; }
            case ROTATE_90 -> { origin = h - 1; column = h; row = -1; }
            case ROTATE_180 -> { origin = h * w - 1; column = -1; row = -w; }
            case ROTATE_270 -> { origin = (w - 1) * h; column = -h; row = 1; }
            case TRANSPOSE -> { origin = 0; column = h; row = 1; }
            case TRANSVERSE -> { origin = w * h - 1; column = -h; row = -1; }
            default -> throw new AssertionError(this);
        }
        int[] src = in.argb();
        int[] dst = new int[src.length];
        for (int y = 0, p = 0; y < h; y++) {
            int o = origin + y * row;
            for (int x = 0; x < w; x++, p++, o += column) {
                dst[o] = src[p];
            }
        }
        return swapsAxes ? in.with(h, w, dst) : in.with(w, h, dst);
    }
}
