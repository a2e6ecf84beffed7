package io.pixbox.imaging.engine;

import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.imageio.JavaEngine;
import io.pixbox.imaging.vips.VipsEngine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the image engine: libvips when it loads, else pure Java, unless one is asked for by name. */
public final class ImageEngines {

    private static final Logger log = LoggerFactory.getLogger(ImageEngines.class);

    private ImageEngines() {
    }

    /**
     * The engine for {@code choice}: {@code auto} (libvips if it loads, else Java), {@code vips}
     * (libvips or a clear error saying how to install it) or {@code java}.
     */
    public static ImageEngine select(String choice) {
        return switch (choice == null ? "auto" : choice.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> {
                try {
                    yield VipsEngine.load();
                } catch (EngineUnavailable e) {
                    log.info("Using the pure-Java image engine: {}", e.getMessage());
                    yield new JavaEngine();
                }
            }
            case "vips", "libvips" -> VipsEngine.load();
            case "java" -> new JavaEngine();
            default -> throw new IllegalArgumentException(
                    "engine must be one of auto, vips, java, got \"" + choice + "\"");
        };
    }
}
