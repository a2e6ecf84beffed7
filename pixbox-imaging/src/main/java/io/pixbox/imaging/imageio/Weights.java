package io.pixbox.imaging.imageio;

import java.util.function.DoubleUnaryOperator;

/**
 * For each output position of a one-dimensional filter, the run of input positions it reads and
 * their weights. A run may reach past either edge of the input by up to {@link #overhang()};
 * the filters repeat the edge pixel there, as libvips does.
 */
final class Weights {

    private final int inputs;
    private final int taps;
    private final int[] first;
    private final float[] weight;
    /** {@code taps} when every output has its own weights, 0 when all share one kernel. */
    private final int stride;

    private Weights(int inputs, int taps, int[] first, float[] weight, int stride) {
        this.inputs = inputs;
        this.taps = taps;
        this.first = first;
        this.weight = weight;
        this.stride = stride;
    }

    /**
     * Weights that resample {@code inputs} positions to {@code outputs}, aligning pixel centres, with
     * {@code kernel} (zero beyond {@code support}) stretched by the reduction factor when shrinking.
     */
    static Weights resampling(int inputs, int outputs, DoubleUnaryOperator kernel, double support) {
        double scale = (double) inputs / outputs;
        double stretch = Math.max(1, scale);
        double reach = support * stretch;
        int taps = (int) Math.ceil(reach) * 2 + 1;
        int[] first = new int[outputs];
        float[] weight = new float[outputs * taps];
        double[] raw = new double[taps];
        for (int i = 0; i < outputs; i++) {
            double centre = (i + 0.5) * scale - 0.5;
            first[i] = (int) Math.floor(centre - reach);
            double sum = 0;
            for (int t = 0; t < taps; t++) {
                double distance = Math.abs(first[i] + t - centre);
                raw[t] = distance >= reach ? 0 : kernel.applyAsDouble(distance / stretch);
                sum += raw[t];
            }
            for (int t = 0; t < taps; t++) {
                weight[i * taps + t] = (float) (raw[t] / sum);
            }
        }
        return new Weights(inputs, taps, first, weight, taps);
    }

    /** Weights that filter {@code size} positions with one symmetric {@code kernel} of {@code 2·radius + 1} taps. */
    static Weights filtering(int size, float[] kernel) {
        int radius = kernel.length / 2;
        int[] first = new int[size];
        for (int i = 0; i < size; i++) {
            first[i] = i - radius;
        }
        return new Weights(size, kernel.length, first, kernel, 0);
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return first.length;
    }

    int taps() {
        return taps;
    }

    /** How far the runs reach past the first or the last input position, whichever is further. */
    int overhang() {
        int before = -first[0];
        int after = first[first.length - 1] + taps - inputs;
        return Math.max(0, Math.max(before, after));
    }

    /** The input position of the first tap of {@code output}; may lie before the input or run past its end. */
    int first(int output) {
        return first[output];
    }

    float weight(int output, int tap) {
        return weight[output * stride + tap];
    }
}
