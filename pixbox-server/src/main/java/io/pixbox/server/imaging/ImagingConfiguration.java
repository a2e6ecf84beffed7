package io.pixbox.server.imaging;

import io.pixbox.imaging.engine.ImageEngines;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.recipe.Presets;
import io.pixbox.imaging.recipe.Recipe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Fails start-up, naming the presets that exist, when a default preset is unknown. */
    @Bean
    DefaultPresets defaultPresets(ImagingProperties imaging, Presets presets) {
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        imaging.defaultPresets().forEach(name -> recipes.put(name, presets.get(name)));
        return new DefaultPresets(Collections.unmodifiableMap(recipes));
    }
}
