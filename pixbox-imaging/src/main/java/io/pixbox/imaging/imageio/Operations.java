package io.pixbox.imaging.imageio;

import io.pixbox.imaging.recipe.Operation;
import io.pixbox.imaging.recipe.Operation.Axis;
import io.pixbox.imaging.recipe.Operation.Blur;
import io.pixbox.imaging.recipe.Operation.Brightness;
import io.pixbox.imaging.recipe.Operation.Contrast;
import io.pixbox.imaging.recipe.Operation.Crop;
import io.pixbox.imaging.recipe.Operation.Fill;
import io.pixbox.imaging.recipe.Operation.Fit;
import io.pixbox.imaging.recipe.Operation.Flip;
import io.pixbox.imaging.recipe.Operation.Gravity;
import io.pixbox.imaging.recipe.Operation.Grayscale;
import io.pixbox.imaging.recipe.Operation.Invert;
import io.pixbox.imaging.recipe.Operation.Rotate;
import io.pixbox.imaging.recipe.Operation.Saturation;
import io.pixbox.imaging.recipe.Operation.Sepia;
import io.pixbox.imaging.recipe.Operation.Sharpen;

/** Applies one recipe step to a bitmap, with the semantics and output sizes {@link Operation} documents. */
final class Operations {

    private Operations() {
    }

    /**
     * @param width  the width {@code image} stands for: larger than its own when it was decoded with
     *               shrink-on-load, which {@link Fit} and {@link Fill} must not notice
     * @param height the height {@code image} stands for
     */
    static Bitmap apply(Operation op, Bitmap image, int width, int height) {
        return switch (op) {
            case Fit fit -> {
                int[] size = fit.outputSize(width, height);
                yield Resampler.resize(image, size[0], size[1]);
            }
            case Fill fill -> fill(fill, image, width, height);
            case Crop crop -> crop(crop, image);
            case Rotate rotate -> Transform.rotation(rotate.degrees()).apply(image);
            case Flip flip -> (flip.axis() == Axis.H ? Transform.FLIP_H : Transform.FLIP_V).apply(image);
            case Grayscale ignored -> ChannelMatrix.apply(image, ChannelMatrix.GREY, true);
            case Sepia ignored -> ChannelMatrix.apply(image, Sepia.MATRIX, false);
            case Saturation saturation -> ChannelMatrix.apply(image, saturation.matrix(), image.grey());
            case Blur blur -> GaussianBlur.apply(image, blur.sigma());
            case Sharpen sharpen -> Sharpener.apply(image, sharpen.sigma());
            case Brightness brightness -> ChannelCurve.apply(image, v -> v * brightness.factor());
            case Contrast contrast -> ChannelCurve.apply(image, v -> (v - 128) * contrast.factor() + 128);
            case Invert ignored -> ChannelCurve.apply(image, v -> 255 - v);
        };
    }

    private static Bitmap fill(Fill fill, Bitmap image, int width, int height) {
        double scale = Math.max((double) fill.width() / width, (double) fill.height() / height);
        int coverWidth = Math.max(fill.width(), (int) Math.round(width * scale));
        int coverHeight = Math.max(fill.height(), (int) Math.round(height * scale));
        Bitmap cover = Resampler.resize(image, coverWidth, coverHeight);
        int[] corner = fill.gravity() == Gravity.ATTENTION
                ? Attention.window(cover, fill.width(), fill.height())
                : new int[] {(coverWidth - fill.width()) / 2, (coverHeight - fill.height()) / 2};
        return cut(cover, corner[0], corner[1], fill.width(), fill.height());
    }

    private static Bitmap crop(Crop crop, Bitmap image) {
        crop.requireInside(image.width(), image.height());
        return cut(image, crop.x(), crop.y(), crop.width(), crop.height());
    }

    private static Bitmap cut(Bitmap image, int x, int y, int width, int height) {
        if (x == 0 && y == 0 && width == image.width() && height == image.height()) {
            return image;
        }
        int[] pixels = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(image.argb(), (y + row) * image.width() + x, pixels, row * width, width);
        }
        return image.with(width, height, pixels);
    }
}
