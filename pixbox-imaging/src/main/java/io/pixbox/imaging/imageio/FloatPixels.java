package io.pixbox.imaging.imageio;

/**
 * Pixels as interleaved floats (R, G, B and, with alpha, A), premultiplied by alpha, for the filters
 * that mix neighbouring pixels: premultiplying stops transparent pixels bleeding their colour.
 */
record FloatPixels(int width, int height, int bands, float[] data) {

    /** The bitmap averaged over {@code kx × ky} boxes (smaller at the right and bottom edges), or just unpacked when both are 1. */
    static FloatPixels boxShrunk(Bitmap in, int kx, int ky) {
        if (kx == 1 && ky == 1) {
            return unpacked(in);
        }
        int bands = in.alpha() ? 4 : 3;
        int inWidth = in.width();
        int width = (inWidth + kx - 1) / kx;
        int height = (in.height() + ky - 1) / ky;
        float[] out = new float[width * height * bands];
        int[] argb = in.argb();
        for (int oy = 0; oy < height; oy++) {
            int base = oy * width * bands;
            int rows = Math.min(in.height(), (oy + 1) * ky) - oy * ky;
            for (int y = oy * ky; y < oy * ky + rows; y++) {
                int p = y * inWidth;
                for (int ox = 0, x = 0; ox < width; ox++) {
                    int end = Math.min(inWidth, x + kx);
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    float a = 0;
                    for (; x < end; x++) {
                        int c = argb[p + x];
                        float f = bands == 4 ? (c >>> 24) / 255f : 1;
                        r += f * ((c >> 16) & 0xFF);
                        g += f * ((c >> 8) & 0xFF);
                        b += f * (c & 0xFF);
                        a += c >>> 24;
                    }
                    int o = base + ox * bands;
                    out[o] += r;
                    out[o + 1] += g;
                    out[o + 2] += b;
                    if (bands == 4) {
                        out[o + 3] += a;
                    }
                }
            }
            for (int ox = 0; ox < width; ox++) {
                float area = rows * (Math.min(inWidth, (ox + 1) * kx) - ox * kx);
                for (int band = 0, o = base + ox * bands; band < bands; band++) {
                    out[o + band] /= area;
                }
            }
        }
        return new FloatPixels(width, height, bands, out);
    }

    static FloatPixels unpacked(Bitmap in) {
        int[] argb = in.argb();
        if (!in.alpha()) {
            float[] out = new float[argb.length * 3];
            for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
                int c = argb[i];
                out[o] = (c >> 16) & 0xFF;
                out[o + 1] = (c >> 8) & 0xFF;
                out[o + 2] = c & 0xFF;
            }
            return new FloatPixels(in.width(), in.height(), 3, out);
        }
        float[] out = new float[argb.length * 4];
        for (int i = 0, o = 0; i < argb.length; i++, o += 4) {
            int c = argb[i];
            float a = c >>> 24;
            float f = a / 255f;
            out[o] = f * ((c >> 16) & 0xFF);
            out[o + 1] = f * ((c >> 8) & 0xFF);
            out[o + 2] = f * (c & 0xFF);
            out[o + 3] = a;
        }
        return new FloatPixels(in.width(), in.height(), 4, out);
    }

    /** Each output row {@code y} is the weighted sum of the input rows {@code weights} names for it. */
    FloatPixels convolveColumns(Weights weights) {
        int rowLength = width * bands;
        float[] out = new float[weights.outputs() * rowLength];
        for (int y = 0; y < weights.outputs(); y++) {
            int o = y * rowLength;
            for (int t = 0; t < weights.taps(); t++) {
                float w = weights.weight(y, t);
                if (w == 0) {
                    continue;
                }
                int p = Math.clamp(weights.first(y) + t, 0, height - 1) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    out[o + i] += w * data[p + i];
                }
            }
        }
        return new FloatPixels(width, weights.outputs(), bands, out);
    }

    /** Each output column {@code x} is the weighted sum of the input columns {@code weights} names for it. */
    FloatPixels convolveRows(Weights weights) {
        int outWidth = weights.outputs();
        int taps = weights.taps();
        int pad = weights.overhang();
        float[] out = new float[outWidth * height * bands];
        // Each row is copied between repeated edge pixels, so the inner loop needs no bounds logic.
        float[] row = new float[(width + 2 * pad) * bands];
        for (int y = 0; y < height; y++) {
            padRow(y, pad, row);
            int rowOut = y * outWidth * bands;
            for (int x = 0; x < outWidth; x++) {
                int p = (weights.first(x) + pad) * bands;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                if (bands == 4) {
                    for (int t = 0; t < taps; t++, p += 4) {
                        float w = weights.weight(x, t);
                        s0 += w * row[p];
                        s1 += w * row[p + 1];
                        s2 += w * row[p + 2];
                        s3 += w * row[p + 3];
                    }
                    out[rowOut + x * 4 + 3] = s3;
                } else {
                    for (int t = 0; t < taps; t++, p += 3) {
                        float w = weights.weight(x, t);
                        s0 += w * row[p];
                        s1 += w * row[p + 1];
                        s2 += w * row[p + 2];
                    }
                }
                int o = rowOut + x * bands;
                out[o] = s0;
                out[o + 1] = s1;
                out[o + 2] = s2;
            }
        }
        return new FloatPixels(outWidth, height, bands, out);
    }

    private void padRow(int y, int pad, float[] row) {
        int rowLength = width * bands;
        System.arraycopy(data, y * rowLength, row, pad * bands, rowLength);
        for (int i = 0; i < pad; i++) {
            System.arraycopy(data, y * rowLength, row, i * bands, bands);
            System.arraycopy(data, y * rowLength + rowLength - bands, row, (pad + width + i) * bands, bands);
        }
    }

    /** Rounds, clamps and un-premultiplies back to a bitmap with the flags of {@code like}. */
    Bitmap toBitmap(Bitmap like) {
        int[] argb = new int[width * height];
        for (int i = 0, p = 0; i < argb.length; i++, p += bands) {
            float r = data[p];
            float g = data[p + 1];
            float b = data[p + 2];
            int a = 255;
            if (bands == 4) {
                a = clamp(data[p + 3]);
                float f = a == 0 ? 0 : 255f / a;
                r *= f;
                g *= f;
                b *= f;
            }
            argb[i] = a << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }
        return like.with(width, height, argb);
    }

    static int clamp(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5f);
    }
}
