package io.pixbox.server.imaging;

import io.pixbox.imaging.recipe.Recipe;
import java.util.Map;

/** The presets every new upload is processed with ({@code pixbox.imaging.default-presets}), by name, in order. */
public record DefaultPresets(Map<String, Recipe> recipes) {
}
