package io.pixbox.imaging.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Operation.Axis;
import io.pixbox.imaging.recipe.Operation.Gravity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipeTests {

    @Test
    void parsesEveryOperationInOrder() {
        Recipe recipe = Recipe.parse("crop:10:10:200:100/rotate:90/flip:h/fit:400:400/fill:300:300:attention"
                + "/grayscale/sepia/blur:2.5/sharpen/brightness:1.2/contrast:1.1/saturation:0.8/invert");

        assertThat(recipe.operations()).containsExactly(
                new Operation.Crop(10, 10, 200, 100), new Operation.Rotate(90), new Operation.Flip(Axis.H),
                new Operation.Fit(400, 400), new Operation.Fill(300, 300, Gravity.ATTENTION),
                new Operation.Grayscale(), new Operation.Sepia(), new Operation.Blur(2.5),
                new Operation.Sharpen(1.0), new Operation.Brightness(1.2), new Operation.Contrast(1.1),
                new Operation.Saturation(0.8), new Operation.Invert());
        assertThat(recipe.autoOrient()).isTrue();
        assertThat(recipe.keepMetadata()).isFalse();
    }

    @Test
    void readsOutputSettings() {
        Recipe recipe = Recipe.parse("fit:400:400/format:jpeg/quality:85");

        assertThat(recipe.format()).contains(ImageFormat.JPEG);
        assertThat(recipe.quality()).hasValue(85);
        assertThat(recipe.outputFormat(ImageFormat.PNG)).isEqualTo(ImageFormat.JPEG);
        assertThat(recipe.qualityFor(ImageFormat.JPEG)).isEqualTo(85);
    }

    @Test
    void keepsTheInputFormatAndDefaultQualityWhenNoneIsGiven() {
        Recipe recipe = Recipe.parse("fit:100:100");

        assertThat(recipe.outputFormat(ImageFormat.WEBP)).isEqualTo(ImageFormat.WEBP);
        assertThat(recipe.qualityFor(ImageFormat.JPEG)).isEqualTo(85);
        assertThat(recipe.qualityFor(ImageFormat.AVIF)).isEqualTo(50);
    }

    @Test
    void readsLosslessWebpNoOrientAndKeepMetadata() {
        Recipe recipe = Recipe.parse("no-orient/format:webp:lossless/keep-metadata");

        assertThat(recipe.lossless()).isTrue();
        assertThat(recipe.autoOrient()).isFalse();
        assertThat(recipe.keepMetadata()).isTrue();
        assertThat(recipe.operations()).isEmpty();
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fit:400:400/format:jpeg/quality:85        | fit:400:400/format:jpeg/quality:85
            fit:400:400/quality:85/format:jpeg        | fit:400:400/format:jpeg/quality:85
            FIT:0400:400/Format:JPG                   | fit:400:400/format:jpeg
            fill:300:300:center                       | fill:300:300
            fill:300:300:smart                        | fill:300:300:attention
            blur:2.50/sharpen:1.0/brightness:1        | blur:2.5/sharpen/brightness:1
            greyscale/strip                           | grayscale
            strip                                     | strip
            keep-metadata/no-orient/format:webp       | no-orient/format:webp/keep-metadata
            ' fit:10:10 / rotate:90 '                 | fit:10:10/rotate:90
            """)
    void printsOneCanonicalForm(String text, String canonical) {
        assertThat(Recipe.parse(text)).hasToString(canonical);
    }

    @Test
    void recipesThatMeanTheSameThingAreEqual() {
        assertThat(Recipe.parse("quality:80/fit:10:20/format:jpg"))
                .isEqualTo(Recipe.parse("fit:10:20/format:jpeg/quality:80"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fit:0:400                    | fit: width must be 1..16384, got 0
            fit:400:99999                | fit: height must be 1..16384, got 99999
            fit:400                      | fit: expects width:height, got 1 argument
            fit:a:400                    | fit: width must be a whole number, got "a"
            fit:-1:400                   | fit: width must be a whole number, got "-1"
            fill:300:300:left            | fill: gravity must be one of centre, attention, got "left"
            crop:0:0:0:10                | crop: width must be 1..65535, got 0
            rotate:45                    | rotate: angle must be one of 90, 180, 270, got 45
            rotate                       | rotate: expects angle, got 0 arguments
            flip:x                       | flip: axis must be one of h, v, got "x"
            blur:0                       | blur: sigma must be 0.3..250, got 0
            blur:NaN                     | blur: sigma must be a number such as 1.5, got "NaN"
            blur:1e3                     | blur: sigma must be a number such as 1.5, got "1e3"
            sharpen:1:2                  | sharpen: expects [sigma], got 2 arguments
            brightness:11                | brightness: factor must be 0..10, got 11
            grayscale:1                  | grayscale: expects no arguments, got 1 argument
            format:bmp                   | format: must be one of jpeg, png, webp, avif, gif, got "bmp"
            format:jpeg/format:png       | format: given twice
            format:png:lossless          | format: lossless applies only to webp, as in format:webp:lossless
            format:webp:fast             | format: the only option is lossless, got "fast"
            quality:0                    | quality: must be 1..100, got 0
            format:png/quality:80        | quality: applies only to jpeg, webp and avif output, not png
            format:webp:lossless/quality:80 | quality: cannot be combined with lossless webp
            strip/keep-metadata          | keep-metadata: cannot be combined with strip
            fit:10:10//rotate:90         | recipe: empty step in "fit:10:10//rotate:90"; separate steps with a single /
            resize:10:10                 | recipe: unknown operation "resize"; allowed: fit, fill, crop, rotate, flip, grayscale, sepia, blur, sharpen, brightness, contrast, saturation, invert, format, quality, strip, keep-metadata, no-orient
            """)
    void explainsWhatIsWrongAndWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> Recipe.parse(text))
                .isInstanceOf(InvalidRecipe.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidRecipe) e).code()).isEqualTo("recipe.invalid"));
    }

    @Test
    void refusesEmptyOverlongAndOverfullRecipes() {
        assertThatThrownBy(() -> Recipe.parse(" ")).hasMessageStartingWith("recipe: is empty");
        assertThatThrownBy(() -> Recipe.parse("invert/".repeat(200) + "invert"))
                .hasMessage("recipe: at most 1000 characters, got 1406");
        assertThatThrownBy(() -> Recipe.parse(String.join("/", java.util.Collections.nCopies(33, "invert"))))
                .hasMessage("recipe: at most 32 operations, got 33");
    }

    @Test
    void keepsSixDecimalPlacesSoTheCanonicalFormStaysShort() {
        assertThat(Recipe.of(new Operation.Blur(1.0 / 3))).hasToString("blur:0.333333");
        assertThat(Recipe.parse("contrast:1.0000001")).isEqualTo(Recipe.parse("contrast:1"));
    }

    @Test
    void fitNeverEnlargesAndRoundsToTheNearestPixel() {
        Operation.Fit fit = new Operation.Fit(400, 400);

        assertThat(fit.outputSize(800, 500)).containsExactly(400, 250);
        assertThat(fit.outputSize(3000, 1999)).containsExactly(400, 267);
        assertThat(fit.outputSize(300, 200)).containsExactly(300, 200);
        assertThat(fit.outputSize(100_000, 10)).containsExactly(400, 1);
    }

    @Test
    void saturationMatrixIsIdentityAtOneAndGreyAtZero() {
        assertThat(new Operation.Saturation(1).matrix()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        double[] grey = new Operation.Saturation(0).matrix();
        assertThat(List.of(grey[0], grey[3], grey[6])).containsOnly(0.299);
    }
}
