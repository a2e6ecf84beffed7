package io.pixbox.imaging.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetsTests {

    @Test
    void offersTwoThumbnailSizesAndACompressedCopyByDefault() {
        Presets presets = Presets.builtIn();

        assertThat(presets.all()).containsOnlyKeys("thumb", "medium", "compressed");
        assertThat(presets.get("thumb")).hasToString("fit:256:256/format:jpeg/quality:80");
    }

    @Test
    void configuredPresetsOverrideAndExtendTheBuiltInOnes() {
        Presets presets = Presets.of(Map.of("thumb", "fit:128:128", "avatar", "fill:64:64:attention"));

        assertThat(presets.get("thumb")).hasToString("fit:128:128");
        assertThat(presets.get("avatar")).hasToString("fill:64:64:attention");
        assertThat(presets.get("medium")).isNotNull();
    }

    @Test
    void namesThePresetWhoseRecipeIsInvalid() {
        assertThatThrownBy(() -> Presets.of(Map.of("tiny", "fit:0:10")))
                .isInstanceOf(InvalidRecipe.class)
                .hasMessage("preset \"tiny\": fit: width must be 1..16384, got 0");
    }

    @Test
    void refusesUnknownPresetNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> Presets.builtIn().get("huge"))
                .isInstanceOf(InvalidRecipe.class)
                .hasMessage("preset: unknown preset \"huge\"; known: thumb, medium, compressed");
    }

    @Test
    void refusesPresetNamesThatCannotBeConfigured() {
        assertThatThrownBy(() -> Presets.of(Map.of("Big One", "fit:10:10")))
                .hasMessageStartingWith("preset \"Big One\": names are");
    }
}
