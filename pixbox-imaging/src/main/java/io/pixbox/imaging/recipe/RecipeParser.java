package io.pixbox.imaging.recipe;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Operation.Axis;
import io.pixbox.imaging.recipe.Operation.Gravity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Turns recipe text into a {@link Recipe}, one {@code name:arg:arg} step at a time. */
final class RecipeParser {

    private static final String OPERATIONS = "fit, fill, crop, rotate, flip, grayscale, sepia, blur, sharpen, "
            + "brightness, contrast, saturation, invert, format, quality, strip, keep-metadata, no-orient";
    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,17})?");

    private RecipeParser() {
    }

    static Recipe parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRecipe("recipe: is empty; give at least one step, such as fit:400:400");
        }
        if (text.length() > Recipe.MAX_LENGTH) {
            throw new InvalidRecipe("recipe: at most " + Recipe.MAX_LENGTH + " characters, got " + text.length());
        }
        List<Operation> operations = new ArrayList<>();
        Optional<ImageFormat> format = Optional.empty();
        OptionalInt quality = OptionalInt.empty();
        boolean lossless = false;
        Boolean keepMetadata = null;
        boolean autoOrient = true;

        for (String step : text.trim().split("/", -1)) {
            String[] parts = step.trim().split(":", -1);
            String name = parts[0].toLowerCase(Locale.ROOT);
            Args args = new Args(name, Arrays.copyOfRange(parts, 1, parts.length));
            switch (name) {
                case "fit" -> {
                    args.count(2, 2, "width:height");
                    operations.add(new Operation.Fit(args.whole(0, "width"), args.whole(1, "height")));
                }
                case "fill" -> {
                    args.count(2, 3, "width:height[:gravity]");
                    operations.add(new Operation.Fill(args.whole(0, "width"), args.whole(1, "height"),
                            args.size() == 3 ? gravity(args.get(2)) : Gravity.CENTRE));
                }
                case "crop" -> {
                    args.count(4, 4, "x:y:width:height");
                    operations.add(new Operation.Crop(args.whole(0, "x"), args.whole(1, "y"),
                            args.whole(2, "width"), args.whole(3, "height")));
                }
                case "rotate" -> operations.add(new Operation.Rotate(args.onlyWhole("angle")));
                case "flip" -> operations.add(new Operation.Flip(axis(args.one("axis"))));
                case "grayscale", "greyscale" -> operations.add(args.none(new Operation.Grayscale()));
                case "sepia" -> operations.add(args.none(new Operation.Sepia()));
                case "invert" -> operations.add(args.none(new Operation.Invert()));
                case "blur" -> operations.add(new Operation.Blur(args.onlyDecimal("sigma")));
                case "sharpen" -> {
                    args.count(0, 1, "[sigma]");
                    operations.add(new Operation.Sharpen(
                            args.size() == 1 ? args.decimal(0, "sigma") : Operation.Sharpen.DEFAULT_SIGMA));
                }
                case "brightness" -> operations.add(new Operation.Brightness(args.onlyDecimal("factor")));
                case "contrast" -> operations.add(new Operation.Contrast(args.onlyDecimal("factor")));
                case "saturation" -> operations.add(new Operation.Saturation(args.onlyDecimal("factor")));
                case "format" -> {
                    if (format.isPresent()) {
                        throw new InvalidRecipe("format: given twice");
                    }
                    args.count(1, 2, "name[:lossless]");
                    format = Optional.of(ImageFormat.fromRecipeName(args.get(0)).orElseThrow(() -> new InvalidRecipe(
                            "format: must be one of jpeg, png, webp, avif, gif, got \"" + args.get(0) + "\"")));
                    if (args.size() == 2) {
                        if (!args.get(1).equalsIgnoreCase("lossless")) {
                            throw new InvalidRecipe("format: the only option is lossless, got \"" + args.get(1) + "\"");
                        }
                        lossless = true;
                    }
                }
                case "quality" -> {
                    if (quality.isPresent()) {
                        throw new InvalidRecipe("quality: given twice");
                    }
                    quality = OptionalInt.of(args.onlyWhole("value"));
                }
                case "strip", "keep-metadata" -> {
                    args.none(null);
                    boolean keep = name.equals("keep-metadata");
                    if (keepMetadata != null && keepMetadata != keep) {
                        throw new InvalidRecipe(name + ": cannot be combined with "
                                + (keep ? "strip" : "keep-metadata"));
                    }
                    keepMetadata = keep;
                }
                case "no-orient" -> autoOrient = args.none(false);
                case "" -> throw new InvalidRecipe("recipe: empty step in \"" + text
                        + "\"; separate steps with a single /");
                default -> throw new InvalidRecipe("recipe: unknown operation \"" + parts[0] + "\"; allowed: "
                        + OPERATIONS);
            }
        }
        return new Recipe(operations, format, quality, lossless, Boolean.TRUE.equals(keepMetadata), autoOrient);
    }

    private static Gravity gravity(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "centre", "center" -> Gravity.CENTRE;
            case "attention", "smart" -> Gravity.ATTENTION;
            default -> throw new InvalidRecipe("fill: gravity must be one of " + Gravity.allowed() + ", got \""
                    + text + "\"");
        };
    }

    private static Axis axis(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "h" -> Axis.H;
            case "v" -> Axis.V;
            default -> throw new InvalidRecipe("flip: axis must be one of h, v, got \"" + text + "\"");
        };
    }

    /** The arguments of one step, read with messages that name the step and the argument. */
    private record Args(String op, String[] values) {

        int size() {
            return values.length;
        }

        String get(int i) {
            return values[i].trim();
        }

        void count(int min, int max, String form) {
            if (values.length < min || values.length > max) {
                throw new InvalidRecipe(op + ": expects " + (form.isEmpty() ? "no arguments" : form) + ", got "
                        + values.length + (values.length == 1 ? " argument" : " arguments"));
            }
        }

        <T> T none(T result) {
            count(0, 0, "");
            return result;
        }

        String one(String name) {
            count(1, 1, name);
            return get(0);
        }

        int whole(int i, String name) {
            String v = get(i);
            if (!WHOLE.matcher(v).matches()) {
                throw new InvalidRecipe(op + ": " + name + " must be a whole number, got \"" + v + "\"");
            }
            return Integer.parseInt(v);
        }

        /** The single argument of a one-argument step, as a whole number. */
        int onlyWhole(String name) {
            count(1, 1, name);
            return whole(0, name);
        }

        double decimal(int i, String name) {
            String v = get(i);
            if (!DECIMAL.matcher(v).matches()) {
                throw new InvalidRecipe(op + ": " + name + " must be a number such as 1.5, got \"" + v + "\"");
            }
            return Double.parseDouble(v);
        }

        double onlyDecimal(String name) {
            count(1, 1, name);
            return decimal(0, name);
        }
    }
}
