package io.pixbox.server.image;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.recipe.Presets;
import io.pixbox.imaging.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the recipes and preset names a request names, whichever API it came through, and names the preset a
 * recipe came from.
 */
@Component
public class RecipeRequests {

    private final Presets presets;

    RecipeRequests(Presets presets) {
        this.presets = presets;
    }

    /** The recipes, then the presets, parsed; {@link InvalidRecipe} names the first that is wrong. */
    public List<Recipe> parse(List<String> recipes, List<String> presetNames) {
        List<Recipe> parsed = new ArrayList<>();
        if (recipes != null) {
            recipes.stream().filter(text -> !text.isBlank()).map(Recipe::parse).forEach(parsed::add);
        }
        if (presetNames != null) {
            presetNames.stream().filter(name -> !name.isBlank()).map(presets::get).forEach(parsed::add);
        }
        return parsed;
    }

    /** Exactly one of a recipe text and a preset name, the other null or blank. */
    public Recipe one(String recipe, String preset) {
        boolean hasRecipe = recipe != null && !recipe.isBlank();
        boolean hasPreset = preset != null && !preset.isBlank();
        if (hasRecipe == hasPreset) {
            throw new InvalidRecipe("recipe: give either \"recipe\" (such as fit:400:400/format:webp) or \"preset\""
                    + " (one of " + String.join(", ", presets.all().keySet()) + "), not both or neither");
        }
        return hasRecipe ? Recipe.parse(recipe) : presets.get(preset);
    }

    /** The recipe a preset name or a recipe text stands for: a preset's name wins. */
    public Recipe named(String presetOrRecipe) {
        Recipe preset = presets.all().get(presetOrRecipe);
        return preset != null ? preset : Recipe.parse(presetOrRecipe);
    }

    /** The name of the first preset with this canonical recipe, or null. */
    public String presetOf(String canonicalRecipe) {
        return presets.all().entrySet().stream()
                .filter(entry -> entry.getValue().toString().equals(canonicalRecipe))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The name to save a variant under: the image's stem, the preset (or "variant") and the format's extension. */
    public String fileName(Image image, Variant variant) {
        return stem(image.fileName()) + "-" + Optional.ofNullable(presetOf(variant.recipe())).orElse("variant")
                + "." + variant.format().extension();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
