package io.pixbox.server.image.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The editor's settings as its form sends them, written out as recipe text in the recipe's own order of operations:
 * crop, rotate, flip, filters, adjustments, then the output. A setting left at its neutral value adds nothing; the
 * text is parsed like any other recipe, so the parser's checks and messages apply.
 *
 * @param rotate     0, 90, 180 or 270 degrees clockwise
 * @param blur       Gaussian sigma; 0 for none
 * @param brightness 1 changes nothing; so for contrast and saturation
 * @param format     empty to keep the original's
 * @param quality    for JPEG, WebP and AVIF; null for the format's default
 */
public record EditorForm(Integer cropX, Integer cropY, Integer cropWidth, Integer cropHeight, Integer rotate,
                         Boolean flipH, Boolean flipV, Boolean grayscale, Boolean sepia, Boolean invert,
                         Boolean sharpen, Double blur, Double brightness, Double contrast, Double saturation,
                         String format, Integer quality) {

    /** The recipe text of these settings; {@code strip} (the original, re-encoded) when none is set. */
    public String recipe() {
        List<String> steps = new ArrayList<>();
        if (cropWidth != null && cropHeight != null && cropWidth > 0 && cropHeight > 0) {
            steps.add("crop:" + orZero(cropX) + ":" + orZero(cropY) + ":" + cropWidth + ":" + cropHeight);
        }
        if (rotate != null && rotate != 0) {
            steps.add("rotate:" + rotate);
        }
        if (on(flipH)) {
            steps.add("flip:h");
        }
        if (on(flipV)) {
            steps.add("flip:v");
        }
        if (on(grayscale)) {
            steps.add("grayscale");
        }
        if (on(sepia)) {
            steps.add("sepia");
        }
        if (on(invert)) {
            steps.add("invert");
        }
        if (blur != null && blur > 0) {
            steps.add("blur:" + number(blur));
        }
        if (on(sharpen)) {
            steps.add("sharpen");
        }
        adjustment(steps, "brightness", brightness);
        adjustment(steps, "contrast", contrast);
        adjustment(steps, "saturation", saturation);
        boolean lossy = format != null && List.of("jpeg", "webp", "avif").contains(format);
        if (format != null && !format.isBlank()) {
            steps.add("format:" + format);
        }
        if (lossy && quality != null) {
            steps.add("quality:" + quality);
        }
        return steps.isEmpty() ? "strip" : String.join("/", steps);
    }

    private static void adjustment(List<String> steps, String name, Double factor) {
        if (factor != null && factor != 1.0) {
            steps.add(name + ":" + number(factor));
        }
    }

    /** A checkbox left unticked is not sent at all. */
    private static boolean on(Boolean box) {
        return Boolean.TRUE.equals(box);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
