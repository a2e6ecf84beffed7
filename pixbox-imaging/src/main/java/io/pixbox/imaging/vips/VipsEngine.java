package io.pixbox.imaging.vips;

import static io.pixbox.imaging.vips.Vips.ACCESS_SEQUENTIAL;
import static io.pixbox.imaging.vips.Vips.DIRECTION_HORIZONTAL;
import static io.pixbox.imaging.vips.Vips.DIRECTION_VERTICAL;
import static io.pixbox.imaging.vips.Vips.FAIL_ON_WARNING;
import static io.pixbox.imaging.vips.Vips.FORMAT_UCHAR;
import static io.pixbox.imaging.vips.Vips.HEIF_COMPRESSION_AV1;
import static io.pixbox.imaging.vips.Vips.INTERESTING_ATTENTION;
import static io.pixbox.imaging.vips.Vips.INTERESTING_CENTRE;
import static io.pixbox.imaging.vips.Vips.INTERPRETATION_B_W;
import static io.pixbox.imaging.vips.Vips.INTERPRETATION_SRGB;
import static io.pixbox.imaging.vips.Vips.SIZE_FORCE;
import static io.pixbox.imaging.vips.Vips.option;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.ImagingException.RecipeNotApplicable;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Operation;
import io.pixbox.imaging.recipe.Operation.Axis;
import io.pixbox.imaging.recipe.Operation.Blur;
import io.pixbox.imaging.recipe.Operation.Brightness;
import io.pixbox.imaging.recipe.Operation.Contrast;
import io.pixbox.imaging.recipe.Operation.Crop;
import io.pixbox.imaging.recipe.Operation.Fill;
import io.pixbox.imaging.recipe.Operation.Fit;
import io.pixbox.imaging.recipe.Operation.Flip;
import io.pixbox.imaging.recipe.Operation.Grayscale;
import io.pixbox.imaging.recipe.Operation.Gravity;
import io.pixbox.imaging.recipe.Operation.Invert;
import io.pixbox.imaging.recipe.Operation.Rotate;
import io.pixbox.imaging.recipe.Operation.Saturation;
import io.pixbox.imaging.recipe.Operation.Sepia;
import io.pixbox.imaging.recipe.Operation.Sharpen;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.imaging.vips.Vips.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The libvips engine, called through {@code java.lang.foreign}: the processing order is written out
 * in {@link #process}, one small method per step.
 */
public final class VipsEngine implements ImageEngine {

    private static final Map<ImageFormat, String> LOADERS = Map.of(
            ImageFormat.JPEG, "vips_jpegload",
            ImageFormat.PNG, "vips_pngload",
            ImageFormat.WEBP, "vips_webpload",
            ImageFormat.GIF, "vips_gifload",
            ImageFormat.AVIF, "vips_heifload");
    /** libwebp's limit, one pixel short of the largest fit or fill. */
    private static final int WEBP_MAX_SIDE = 16_383;
    /** Rec. 601 luma, the weights {@link Grayscale} documents. */
    private static final double[] LUMA = {0.299, 0.587, 0.114};

    private final Vips vips;
    /** Why AVIF cannot be written, empty when it can; null until first asked. */
    private volatile String avifProblem;

    private VipsEngine(Vips vips) {
        this.vips = vips;
    }

    /** Loads libvips, or throws {@link EngineUnavailable} saying why and how to install it. */
    public static VipsEngine load() {
        return new VipsEngine(Vips.get());
    }

    @Override
    public String name() {
        return "vips";
    }

    @Override
    public ProcessedImage process(Path source, ImageInfo info, Recipe recipe, Deadline deadline, OutputStream out)
            throws IOException {
        ImageFormat format = recipe.outputFormat(info.format());
        if (format == ImageFormat.AVIF) {
            requireAvifEncoder();
        }
        deadline.check();
        try (PlainName input = PlainName.of(source); Pipeline pipeline = new Pipeline(vips, deadline)) {
            Image image = open(pipeline, input.path(), info, recipe);
            if (recipe.autoOrient()) {
                image = image.apply("vips_autorot");
            }
            image = toSrgb(image);
            for (Operation operation : recipe.operations()) {
                deadline.check();
                image = apply(image, operation);
            }
            deadline.check();
            long bytes = save(image, format, recipe, out);
            return new ProcessedImage(format, image.width(), image.height(), bytes);
        }
    }

    /**
     * Opens the file for streaming. When the first step resizes, opens it already resized with
     * vips_thumbnail, which lets JPEG and WebP decode at a fraction of their size; the step then
     * finds nothing left to scale.
     */
    private static Image open(Pipeline pipeline, Path source, ImageInfo info, Recipe recipe) {
        Option strict = option("fail_on", FAIL_ON_WARNING);
        int width = recipe.autoOrient() ? info.orientedWidth() : info.width();
        int height = recipe.autoOrient() ? info.orientedHeight() : info.height();
        int[] size = recipe.operations().isEmpty() ? null : scaledSize(recipe.operations().getFirst(), width, height);
        if (size == null) {
            return pipeline.call(LOADERS.get(info.format()), source.toString(), Pipeline.OUT,
                    option("access", ACCESS_SEQUENTIAL), strict);
        }
        // vips_thumbnail sizes the image as stored; we turn it upright afterwards, like every other image.
        boolean turned = recipe.autoOrient() && info.transposed();
        return pipeline.call("vips_thumbnail", source.toString(), Pipeline.OUT, turned ? size[1] : size[0],
                option("height", turned ? size[0] : size[1]), option("size", SIZE_FORCE),
                option("no_rotate", true), strict);
    }

    /** Converts to 8-bit sRGB: through the embedded ICC profile if there is one, else by interpretation. */
    private static Image toSrgb(Image image) {
        if (image.hasIccProfile()) {
            image = image.apply("vips_icc_transform", "srgb", option("embedded", true));
        } else if (image.interpretation() != INTERPRETATION_SRGB) {
            image = image.apply("vips_colourspace", INTERPRETATION_SRGB);
        }
        return image.format() == FORMAT_UCHAR ? image : image.apply("vips_cast", FORMAT_UCHAR);
    }

    private static Image apply(Image image, Operation operation) {
        return switch (operation) {
            case Fit fit -> {
                int[] size = fit.outputSize(image.width(), image.height());
                yield resize(image, size[0], size[1]);
            }
            case Fill fill -> {
                int[] size = coverSize(fill, image.width(), image.height());
                yield smartcrop(resize(image, size[0], size[1]), fill);
            }
            case Crop crop -> crop(image, crop);
            case Rotate rotate -> image.apply("vips_rot", rotate.degrees() / 90);
            case Flip flip -> image.apply("vips_flip", flip.axis() == Axis.H ? DIRECTION_HORIZONTAL : DIRECTION_VERTICAL);
            case Grayscale _ -> recomb(image, LUMA).apply("vips_copy", option("interpretation", INTERPRETATION_B_W));
            case Sepia _ -> recomb(image, Sepia.MATRIX);
            case Saturation saturation -> recomb(image, saturation.matrix());
            case Blur blur -> image.apply("vips_gaussblur", blur.sigma());
            case Sharpen sharpen -> image.apply("vips_sharpen", option("sigma", sharpen.sigma()));
            case Brightness brightness -> linear(image, brightness.factor(), 0);
            case Contrast contrast -> linear(image, contrast.factor(), 128 * (1 - contrast.factor()));
            case Invert _ -> linear(image, -1, 255);
        };
    }

    /** The size the first step scales to, or null when it does not scale. */
    private static int[] scaledSize(Operation operation, int width, int height) {
        int[] size = switch (operation) {
            case Fit fit -> fit.outputSize(width, height);
            case Fill fill -> coverSize(fill, width, height);
            default -> null;
        };
        return size == null || size[0] == width && size[1] == height ? null : size;
    }

    /** The smallest size with the image's aspect ratio that covers the fill area. */
    private static int[] coverSize(Fill fill, int width, int height) {
        double scale = Math.max((double) fill.width() / width, (double) fill.height() / height);
        return new int[] {
            (int) Math.max(fill.width(), Math.round(width * scale)),
            (int) Math.max(fill.height(), Math.round(height * scale)),
        };
    }

    /** Scales to exactly {@code width × height}; already there, it does nothing. */
    private static Image resize(Image image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        Image resized = image.apply("vips_thumbnail_image", width, option("height", height),
                option("size", SIZE_FORCE), option("no_rotate", true));
        if (resized.width() != width || resized.height() != height) {
            throw new IllegalStateException("libvips scaled to " + resized.width() + "×" + resized.height()
                    + " when asked for " + width + "×" + height);
        }
        return resized;
    }

    /** Crops to the fill area around its gravity; finding attention reads the image twice, so from memory. */
    private static Image smartcrop(Image image, Fill fill) {
        if (fill.gravity() == Gravity.CENTRE) {
            return image.apply("vips_smartcrop", fill.width(), fill.height(), option("interesting", INTERESTING_CENTRE));
        }
        return image.copyToMemory()
                .apply("vips_smartcrop", fill.width(), fill.height(), option("interesting", INTERESTING_ATTENTION));
    }

    private static Image crop(Image image, Crop crop) {
        crop.requireInside(image.width(), image.height());
        return image.apply("vips_extract_area", crop.x(), crop.y(), crop.width(), crop.height());
    }

    /**
     * Multiplies the colour bands by {@code matrix} (3 columns, 1 or 3 rows), with an extra row and
     * column that carry alpha through untouched.
     */
    private static Image recomb(Image image, double[] matrix) {
        if (image.colourBands() == 1) {
            image = image.apply("vips_colourspace", INTERPRETATION_SRGB);
        }
        int alpha = image.hasAlpha() ? 1 : 0;
        int rows = matrix.length / 3 + alpha;
        int columns = 3 + alpha;
        double[] values = new double[rows * columns];
        for (int row = 0; row < matrix.length / 3; row++) {
            System.arraycopy(matrix, row * 3, values, row * columns, 3);
        }
        if (alpha == 1) {
            values[values.length - 1] = 1;
        }
        Image recombined = image.apply("vips_recomb", image.pipeline().matrix(columns, rows, values));
        return recombined.apply("vips_cast", FORMAT_UCHAR);
    }

    /** {@code v' = a·v + b} on the colour bands, clamped to 0..255; alpha stays as it is. */
    private static Image linear(Image image, double a, double b) {
        int bands = image.bands();
        int colour = image.colourBands();
        double[] as = new double[bands];
        double[] bs = new double[bands];
        Arrays.fill(as, 0, colour, a);
        Arrays.fill(as, colour, bands, 1);
        Arrays.fill(bs, 0, colour, b);
        return image.apply("vips_linear", as, bs, bands, option("uchar", true));
    }

    private static long save(Image image, ImageFormat format, Recipe recipe, OutputStream out) throws IOException {
        if (format == ImageFormat.WEBP && Math.max(image.width(), image.height()) > WEBP_MAX_SIDE) {
            throw new RecipeNotApplicable("webp: at most " + WEBP_MAX_SIDE + " pixels a side, and the result is "
                    + image.width() + "×" + image.height() + "; add a fit step or choose another format");
        }
        if (!recipe.keepMetadata()) {
            image = withoutMetadata(image);
        }
        Option strip = option("strip", !recipe.keepMetadata());
        Option quality = option("Q", recipe.qualityFor(format));
        return switch (format) {
            case JPEG -> flatten(image).save("vips_jpegsave_buffer", out, quality, option("optimize_coding", true), strip);
            case PNG -> image.save("vips_pngsave_buffer", out, strip);
            case WEBP -> image.save("vips_webpsave_buffer", out, recipe.lossless() ? option("lossless", true) : quality,
                    strip);
            case AVIF -> image.save("vips_heifsave_buffer", out, quality,
                    option("compression", HEIF_COMPRESSION_AV1), strip);
            case GIF -> image.save("vips_gifsave_buffer", out, strip);
        };
    }

    /**
     * A copy without EXIF, XMP, IPTC and ICC fields. The savers' strip flag should be enough, but
     * libvips 8.14's WebP saver ignores it and writes whatever EXIF these fields hold.
     */
    private static Image withoutMetadata(Image image) {
        Image copy = image.apply("vips_copy");
        copy.fields().stream()
                .filter(field -> field.startsWith("exif-") || field.startsWith("xmp-") || field.startsWith("iptc-")
                        || field.equals("icc-profile-data"))
                .forEach(copy::remove);
        return copy;
    }

    /** Puts an image with alpha on white, for formats that have no alpha. */
    private static Image flatten(Image image) {
        if (!image.hasAlpha()) {
            return image;
        }
        double[] white = new double[image.colourBands()];
        Arrays.fill(white, 255);
        return image.apply("vips_flatten", option("background", white));
    }

    /** Fails unless this libheif can encode AV1: it is often built with decoders only, or with HEVC alone. */
    private void requireAvifEncoder() {
        if (avifProblem == null) {
            try (Pipeline pipeline = new Pipeline(vips, Deadline.after(Duration.ofSeconds(30)))) {
                pipeline.matrix(16, 16, new double[16 * 16])
                        .apply("vips_cast", FORMAT_UCHAR)
                        .apply("vips_copy", option("interpretation", INTERPRETATION_B_W))
                        .save("vips_heifsave_buffer", OutputStream.nullOutputStream(),
                                option("compression", HEIF_COMPRESSION_AV1));
                avifProblem = "";
            } catch (ImagingException | IOException e) {
                avifProblem = e.getMessage();
            }
        }
        if (!avifProblem.isEmpty()) {
            throw new EngineUnavailable("AVIF output needs libheif with an AV1 encoder (libaom, rav1e or SVT-AV1),"
                    + " which this libvips lacks (" + avifProblem + "): install one, such as"
                    + " libheif-plugin-aomenc on Debian/Ubuntu, or choose webp or jpeg output");
        }
    }
}
