package io.pixbox.imaging.recipe;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.format.ImageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ordered list of {@link Operation}s plus output settings, with one canonical text form.
 *
 * <p>Text form: steps separated by {@code /}, arguments by {@code :}, for example
 * {@code fit:400:400/format:jpeg/quality:85}. {@link #toString()} prints the canonical form: the
 * steps in order, then {@code no-orient}, {@code format}, {@code quality} and {@code keep-metadata},
 * numbers in their shortest form and defaults left out. Two recipes that mean the same thing print
 * the same, so the text can key stored variants; {@code parse(r.toString()).equals(r)} always holds.
 *
 * @param operations   the pixel operations, applied in order after auto-orientation
 * @param format       the output format; empty to keep the input's
 * @param quality      1–100 for lossy output; empty for the format's default
 * @param lossless     lossless WebP
 * @param keepMetadata keep EXIF, XMP and ICC metadata instead of stripping it
 * @param autoOrient   turn the image upright from its EXIF orientation first
 */
public record Recipe(List<Operation> operations, Optional<ImageFormat> format, OptionalInt quality,
        boolean lossless, boolean keepMetadata, boolean autoOrient) {

    /** Longest recipe text accepted. */
    public static final int MAX_LENGTH = 1_000;
    /** Most operations one recipe may hold. */
    public static final int MAX_OPERATIONS = 32;

    public Recipe {
        operations = List.copyOf(operations);
        if (operations.size() > MAX_OPERATIONS) {
            throw new InvalidRecipe("recipe: at most " + MAX_OPERATIONS + " operations, got " + operations.size());
        }
        quality.ifPresent(q -> {
            if (q < 1 || q > 100) {
                throw new InvalidRecipe("quality: must be 1..100, got " + q);
            }
        });
        if (lossless && format.orElse(null) != ImageFormat.WEBP) {
            throw new InvalidRecipe("format: lossless applies only to webp, as in format:webp:lossless");
        }
        if (lossless && quality.isPresent()) {
            throw new InvalidRecipe("quality: cannot be combined with lossless webp");
        }
        if (quality.isPresent() && format.isPresent() && !format.get().isLossy()) {
            throw new InvalidRecipe("quality: applies only to jpeg, webp and avif output, not "
                    + format.get().recipeName());
        }
    }

    /** Parses recipe text; throws {@link InvalidRecipe} naming the operation, the argument and what is allowed. */
    public static Recipe parse(String text) {
        return RecipeParser.parse(text);
    }

    /** A recipe of the given steps with default output settings. */
    public static Recipe of(Operation... operations) {
        return new Recipe(List.of(operations), Optional.empty(), OptionalInt.empty(), false, false, true);
    }

    /** The format to write for an input of the given format. */
    public ImageFormat outputFormat(ImageFormat input) {
        return format.orElse(input);
    }

    /** The quality to encode with: the recipe's, else 85 for JPEG and WebP and 50 for AVIF. */
    public int qualityFor(ImageFormat output) {
        return quality.orElse(output == ImageFormat.AVIF ? 50 : 85);
    }

    public Recipe withFormat(ImageFormat output) {
        return new Recipe(operations, Optional.of(output), quality, lossless && output == ImageFormat.WEBP,
                keepMetadata, autoOrient);
    }

    /** The canonical text form. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        operations.forEach(op -> parts.add(op.text()));
        if (!autoOrient) {
            parts.add("no-orient");
        }
        format.ifPresent(f -> parts.add("format:" + f.recipeName() + (lossless ? ":lossless" : "")));
        quality.ifPresent(q -> parts.add("quality:" + q));
        if (keepMetadata) {
            parts.add("keep-metadata");
        }
        return parts.isEmpty() ? "strip" : String.join("/", parts);
    }
}
