package io.pixbox.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.recipe.Presets;
import io.pixbox.imaging.recipe.Recipe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ImagingConfigurationIntegrationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Imaging.class);

    @Test
    void buildsTheProcessorWithTheImagingModulesDefaultLimits() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(ImageProcessor.class).limits()).isEqualTo(Limits.DEFAULT);
            assertThat(app.getBean(ImageProcessor.class).engine().name()).isIn("vips", "java");
        });
    }

    @Test
    void takesLimitsFromProperties() {
        context.withPropertyValues("pixbox.imaging.limits.max-bytes=1MB", "pixbox.imaging.limits.max-pixels=1000",
                "pixbox.imaging.limits.max-dimension=100", "pixbox.imaging.limits.max-frames=2",
                "pixbox.imaging.limits.timeout=5s").run(app ->
                assertThat(app.getBean(ImageProcessor.class).limits())
                        .isEqualTo(new Limits(1024 * 1024, 1000, 100, 2, Duration.ofSeconds(5))));
    }

    @Test
    void addsConfiguredPresetsToTheBuiltInOnes() {
        context.withPropertyValues("pixbox.imaging.presets.square=fill:300:300/format:webp").run(app -> {
            Presets presets = app.getBean(Presets.class);
            assertThat(presets.get("square")).isEqualTo(Recipe.parse("fill:300:300/format:webp"));
            assertThat(presets.find("thumb")).isPresent();
        });
    }

    @Test
    void takesPresetsFromEnvironmentVariablesKeepingUnderscoresInTheirNames() {
        context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("PIXBOX_IMAGING_PRESETS_SQUARE_THUMB", "fill:128:128"))))
                .run(app -> assertThat(app.getBean(Presets.class).find("square_thumb"))
                        .contains(Recipe.parse("fill:128:128")));
    }

    @Test
    void failsStartUpWithTheRecipeErrorWhenAPresetIsInvalid() {
        context.withPropertyValues("pixbox.imaging.presets.tiny=fit:0:10").run(app ->
                assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessage("preset \"tiny\": fit: width must be 1..16384, got 0"));
    }

    @Test
    void refusesAnUnknownEngine() {
        context.withPropertyValues("pixbox.imaging.engine=gpu").run(app ->
                assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("auto|vips|java"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ImagingProperties.class)
    @Import(ImagingConfiguration.class)
    static class Imaging {
    }
}
