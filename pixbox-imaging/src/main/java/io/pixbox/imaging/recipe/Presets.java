package io.pixbox.imaging.recipe;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named recipes from configuration ({@code thumb}, {@code medium}, {@code compressed}, …).
 * Configured entries override the built-in ones of the same name.
 */
public final class Presets {

    /** The built-in presets: two thumbnail sizes and a compressed full-size copy. */
    public static final Map<String, String> BUILT_IN = orderedMap(
            "thumb", "fit:256:256/format:jpeg/quality:80",
            "medium", "fit:1024:1024/format:jpeg/quality:85",
            "compressed", "format:jpeg/quality:75");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Map<String, Recipe> recipes;

    private Presets(Map<String, Recipe> recipes) {
        this.recipes = Collections.unmodifiableMap(recipes);
    }

    /** The built-in presets overridden and extended by {@code configured} (name → recipe text). */
    public static Presets of(Map<String, String> configured) {
        Map<String, String> texts = new LinkedHashMap<>(BUILT_IN);
        texts.putAll(configured);
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        texts.forEach((name, text) -> {
            if (!NAME.matcher(name).matches()) {
                throw new InvalidRecipe("preset \"" + name + "\": names are lower-case letters, digits, - and _");
            }
            try {
                recipes.put(name, Recipe.parse(text));
            } catch (InvalidRecipe e) {
                throw new InvalidRecipe("preset \"" + name + "\": " + e.getMessage());
            }
        });
        return new Presets(recipes);
    }

    public static Presets builtIn() {
        return of(Map.of());
    }

    public Optional<Recipe> find(String name) {
        return Optional.ofNullable(recipes.get(name));
    }

    /** The preset of that name, or {@link InvalidRecipe} listing the names that exist. */
    public Recipe get(String name) {
        return find(name).orElseThrow(() -> new InvalidRecipe("preset: unknown preset \"" + name
                + "\"; known: " + String.join(", ", recipes.keySet())));
    }

    public Map<String, Recipe> all() {
        return recipes;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
