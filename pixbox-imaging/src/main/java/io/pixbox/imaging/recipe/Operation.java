package io.pixbox.imaging.recipe;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.ImagingException.RecipeNotApplicable;
import java.math.BigDecimal;

/**
 * One step of a {@link Recipe}: a value that validates itself and prints its canonical text.
 *
 * <p>Dimensions are stated for the image as the step receives it, already upright. Both engines
 * must produce exactly the dimensions documented here. Decimal arguments keep six decimal places.
 */
public sealed interface Operation {

    /** Largest width or height {@code fit} and {@code fill} may ask for. */
    int MAX_SIZE = 16_384;
    /** Largest coordinate or extent {@code crop} accepts. */
    int MAX_CROP = 65_535;

    /** The canonical text of this step, such as {@code fit:400:400}. */
    String text();

    /**
     * Scale to fit inside {@code width × height}, keeping the aspect ratio, never enlarging.
     * An image of {@code w × h} with {@code s = min(width / w, height / h)} becomes
     * {@code max(1, round(w·s)) × max(1, round(h·s))} when {@code s < 1}, and stays as it is otherwise.
     */
    record Fit(int width, int height) implements Operation {
        public Fit {
            requireRange("fit", "width", width, 1, MAX_SIZE);
            requireRange("fit", "height", height, 1, MAX_SIZE);
        }

        /** The output size for an input of {@code w × h}. */
        public int[] outputSize(int w, int h) {
            double scale = Math.min((double) width / w, (double) height / h);
            if (scale >= 1) {
                return new int[] {w, h};
            }
            return new int[] {(int) Math.max(1, Math.round(w * scale)), (int) Math.max(1, Math.round(h * scale))};
        }

        @Override
        public String text() {
            return "fit:" + width + ":" + height;
        }
    }

    /**
     * Scale to cover {@code width × height} keeping the aspect ratio (enlarging if needed), then crop
     * to exactly {@code width × height} around the {@link Gravity}.
     */
    record Fill(int width, int height, Gravity gravity) implements Operation {
        public Fill {
            requireRange("fill", "width", width, 1, MAX_SIZE);
            requireRange("fill", "height", height, 1, MAX_SIZE);
            if (gravity == null) {
                throw new InvalidRecipe("fill: gravity must be one of " + Gravity.allowed() + ", got nothing");
            }
        }

        @Override
        public String text() {
            return "fill:" + width + ":" + height + (gravity == Gravity.CENTRE ? "" : ":" + gravity.text());
        }
    }

    /** Cut out the {@code width × height} area whose top-left corner is at {@code x, y}; it must lie inside the image. */
    record Crop(int x, int y, int width, int height) implements Operation {
        public Crop {
            requireRange("crop", "x", x, 0, MAX_CROP);
            requireRange("crop", "y", y, 0, MAX_CROP);
            requireRange("crop", "width", width, 1, MAX_CROP);
            requireRange("crop", "height", height, 1, MAX_CROP);
        }

        /** Throws {@link RecipeNotApplicable} unless the area lies inside an image of {@code w × h}. */
        public void requireInside(int w, int h) {
            if ((long) x + width > w || (long) y + height > h) {
                throw new RecipeNotApplicable(text() + ": the area " + width + "×" + height + " at " + x + "," + y
                        + " lies outside the " + w + "×" + h + " image; it must lie inside it");
            }
        }

        @Override
        public String text() {
            return "crop:" + x + ":" + y + ":" + width + ":" + height;
        }
    }

    /** Rotate clockwise by 90, 180 or 270 degrees; 90 and 270 swap width and height. */
    record Rotate(int degrees) implements Operation {
        public Rotate {
            if (degrees != 90 && degrees != 180 && degrees != 270) {
                throw new InvalidRecipe("rotate: angle must be one of 90, 180, 270, got " + degrees);
            }
        }

        @Override
        public String text() {
            return "rotate:" + degrees;
        }
    }

    /** Mirror: {@code h} swaps left and right, {@code v} swaps top and bottom. */
    record Flip(Axis axis) implements Operation {
        public Flip {
            if (axis == null) {
                throw new InvalidRecipe("flip: axis must be one of h, v, got nothing");
            }
        }

        @Override
        public String text() {
            return "flip:" + axis.text();
        }
    }

    /** Luminance only (Rec. 601 weights: 0.299 R + 0.587 G + 0.114 B), written as grey. */
    record Grayscale() implements Operation {
        @Override
        public String text() {
            return "grayscale";
        }
    }

    /** The classic sepia matrix applied to sRGB values. */
    record Sepia() implements Operation {
        /** Row-major 3×3 matrix: output channel i = sum over j of MATRIX[i*3+j] × input channel j. */
        public static final double[] MATRIX = {
            0.393, 0.769, 0.189,
            0.349, 0.686, 0.168,
            0.272, 0.534, 0.131,
        };

        @Override
        public String text() {
            return "sepia";
        }
    }

    /** Gaussian blur with standard deviation {@code sigma} pixels. */
    record Blur(double sigma) implements Operation {
        public Blur {
            sigma = decimal("blur", "sigma", sigma, 0.3, 250);
        }

        @Override
        public String text() {
            return "blur:" + number(sigma);
        }
    }

    /** Unsharp-mask sharpening with a Gaussian of {@code sigma} pixels; 1 when not given. */
    record Sharpen(double sigma) implements Operation {
        public static final double DEFAULT_SIGMA = 1.0;

        public Sharpen {
            sigma = decimal("sharpen", "sigma", sigma, 0.3, 10);
        }

        @Override
        public String text() {
            return sigma == DEFAULT_SIGMA ? "sharpen" : "sharpen:" + number(sigma);
        }
    }

    /** Multiply every channel by {@code factor}: 1 leaves the image alone, 0 makes it black. */
    record Brightness(double factor) implements Operation {
        public Brightness {
            factor = decimal("brightness", "factor", factor, 0, 10);
        }

        @Override
        public String text() {
            return "brightness:" + number(factor);
        }
    }

    /** Stretch every channel away from mid-grey: {@code v' = (v − 128)·factor + 128}. */
    record Contrast(double factor) implements Operation {
        public Contrast {
            factor = decimal("contrast", "factor", factor, 0, 10);
        }

        @Override
        public String text() {
            return "contrast:" + number(factor);
        }
    }

    /**
     * Move each pixel away from its own grey ({@link Grayscale} weights) by {@code factor}: 0 is grey,
     * 1 leaves the image alone. Applied as one 3×3 matrix, {@link #matrix()}.
     */
    record Saturation(double factor) implements Operation {
        public Saturation {
            factor = decimal("saturation", "factor", factor, 0, 10);
        }

        /** Row-major 3×3 matrix equal to {@code (1 − factor)·grey + factor·identity}. */
        public double[] matrix() {
            double[] luma = {0.299, 0.587, 0.114};
            double[] m = new double[9];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    m[row * 3 + col] = (1 - factor) * luma[col] + (row == col ? factor : 0);
                }
            }
            return m;
        }

        @Override
        public String text() {
            return "saturation:" + number(factor);
        }
    }

    /** Replace every channel value {@code v} by {@code 255 − v}; alpha is left alone. */
    record Invert() implements Operation {
        @Override
        public String text() {
            return "invert";
        }
    }

    /** Where {@link Fill} keeps the picture when it crops. */
    enum Gravity {
        /** The middle of the image. */
        CENTRE,
        /** The most interesting region: libvips' attention strategy, or an entropy search in Java. */
        ATTENTION;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static String allowed() {
            return "centre, attention";
        }
    }

    /** The axis of a {@link Flip}. */
    enum Axis {
        H, V;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static void requireRange(String op, String arg, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRecipe(op + ": " + arg + " must be " + min + ".." + max + ", got " + value);
        }
    }

    /**
     * Checks a decimal argument and rounds it to six decimal places, so that values nobody could see
     * the difference between print, and key variants, the same.
     */
    private static double decimal(String op, String arg, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidRecipe(op + ": " + arg + " must be " + number(min) + ".." + number(max)
                    + ", got " + number(value));
        }
        return Math.round(value * 1e6) / 1e6;
    }

    /** Shortest decimal text of a number: {@code 2.5}, {@code 1}, never {@code 1.0} or {@code 1E+1}. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
