package io.pixbox.server.image.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.recipe.Recipe;
import org.junit.jupiter.api.Test;

class EditorFormTests {

    @Test
    void untouchedSettingsAreTheOriginalReEncoded() {
        // given: what the form sends before anything is changed
        EditorForm form = new EditorForm(0, 0, null, null, 0, null, null, null, null, null, null, 0.0, 1.0, 1.0, 1.0, "", 85);

        // then
        assertThat(form.recipe()).isEqualTo("strip");
    }

    @Test
    void writesEverySettingInTheRecipesOrderAsTextThatParsesToItself() {
        // given
        EditorForm form = new EditorForm(10, 20, 300, 200, 90, true, true, true, true, true, true, 2.5, 1.2, 0.8, 1.05,
                "webp", 70);

        // when
        String recipe = form.recipe();

        // then
        assertThat(recipe).isEqualTo("crop:10:20:300:200/rotate:90/flip:h/flip:v/grayscale/sepia/invert/blur:2.5/sharpen"
                + "/brightness:1.2/contrast:0.8/saturation:1.05/format:webp/quality:70");
        assertThat(Recipe.parse(recipe).toString()).isEqualTo(recipe);
    }

    @Test
    void leavesQualityOutForALosslessFormatAndTheCropOutWithoutASize() {
        // given
        EditorForm form = new EditorForm(5, 5, 0, null, 180, null, null, null, null, null, null, null, null, null, null,
                "png", 85);

        // then
        assertThat(form.recipe()).isEqualTo("rotate:180/format:png");
    }

    @Test
    void aSettingOutOfRangeIsRefusedByTheRecipeParserWithItsMessage() {
        // given
        EditorForm form = new EditorForm(0, 0, 100000, 10, 0, null, null, null, null, null, null, null, null, null, null, "", null);

        // then
        assertThatThrownBy(() -> Recipe.parse(form.recipe())).isInstanceOf(ImagingException.InvalidRecipe.class)
                .hasMessageContaining("crop");
    }
}
