package io.pixbox.server.image.web;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.recipe.Presets;
import io.pixbox.imaging.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the recipes and preset names a request names, and names the preset a recipe came from. */
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

    Recipe one(ProcessRequest request) {
        boolean hasRecipe = request.recipe() != null && !request.recipe().isBlank();
        boolean hasPreset = request.preset() != null && !request.preset().isBlank();
        if (hasRecipe == hasPreset) {
            throw new InvalidRecipe("recipe: give either \"recipe\" (such as fit:400:400/format:webp) or \"preset\""
                    + " (one of " + String.join(", ", presets.all().keySet()) + "), not both or neither");
        }
        return hasRecipe ? Recipe.parse(request.recipe()) : presets.get(request.preset());
    }

    /** The name of the first preset with this canonical recipe, or null. */
    String presetOf(String canonicalRecipe) {
        return presets.all().entrySet().stream()
                .filter(entry -> entry.getValue().toString().equals(canonicalRecipe))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
