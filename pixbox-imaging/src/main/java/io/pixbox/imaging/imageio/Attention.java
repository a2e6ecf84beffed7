package io.pixbox.imaging.imageio;

/**
 * Picks the crop window with the most detail, measured as luminance edge energy: the main cue of
 * libvips' attention strategy. The picture is already at its final scale when this runs, so one
 * pass over it suffices; among equally busy windows the most central wins, so a flat picture is
 * cropped like {@code centre}.
 */
final class Attention {

    private Attention() {
    }

    /** The top-left corner {@code {x, y}} of the {@code width × height} window to keep. */
    static int[] window(Bitmap image, int width, int height) {
        int w = image.width();
        int h = image.height();
        long[] columns = new long[w];
        long[] rows = new long[h];
        int[] luma = luma(image);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int right = x + 1 < w ? luma[i + 1] : luma[i];
                int below = y + 1 < h ? luma[i + w] : luma[i];
                int energy = Math.abs(right - luma[i]) + Math.abs(below - luma[i]);
                columns[x] += energy;
                rows[y] += energy;
            }
        }
        return new int[] {busiest(columns, width), busiest(rows, height)};
    }

    /** The start of the run of {@code length} entries with the largest sum, nearest the middle on ties. */
    private static int busiest(long[] profile, int length) {
        int last = profile.length - length;
        if (last <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < length; i++) {
            sum += profile[i];
        }
        int middle = last / 2;
        int best = 0;
        long bestSum = sum;
        for (int start = 1; start <= last; start++) {
            sum += profile[start + length - 1] - profile[start - 1];
            if (sum > bestSum || sum == bestSum && Math.abs(start - middle) < Math.abs(best - middle)) {
                best = start;
                bestSum = sum;
            }
        }
        return best;
    }

    /** Luma weighted by opacity, so transparent areas count as empty whatever colour they hide. */
    private static int[] luma(Bitmap image) {
        int[] argb = image.argb();
        int[] luma = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            int y = (299 * ((c >> 16) & 0xFF) + 587 * ((c >> 8) & 0xFF) + 114 * (c & 0xFF)) / 1000;
            luma[i] = y * (c >>> 24) / 255;
        }
        return luma;
    }
}
