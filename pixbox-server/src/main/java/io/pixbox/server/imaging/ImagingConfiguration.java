package io.pixbox.server.imaging;

import io.pixbox.imaging.engine.ImageEngines;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.recipe.Presets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The image processor and the presets, built from {@link ImagingProperties}; a bad preset stops start-up. */
@Configuration(proxyBeanMethods = false)
class ImagingConfiguration {

    @Bean
    ImageProcessor imageProcessor(ImagingProperties imaging) {
        return new ImageProcessor(ImageEngines.select(imaging.engine()), imaging.limits().toLimits());
    }

    @Bean
    Presets presets(ImagingProperties imaging) {
        return Presets.of(imaging.presets());
    }
}
