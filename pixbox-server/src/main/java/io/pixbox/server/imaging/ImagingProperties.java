package io.pixbox.server.imaging;

import io.pixbox.imaging.format.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the service processes images ({@code pixbox.imaging}).
 *
 * @param engine  image engine: auto (libvips when the OS has it, else pure Java), vips or java
 * @param presets named recipes, name to recipe text such as fit:400:400/format:webp; they add to and
 *                override the built-in thumb, medium and compressed
 * @param limits  what an input may be before it is decoded
 * @param defaultPresets the presets every new upload is processed with, besides any the upload asks for
 * @param previews how many of the editor's previews render at once
 */
@ConfigurationProperties("pixbox.imaging")
@Validated
public record ImagingProperties(
        @DefaultValue("auto") @Pattern(regexp = "auto|vips|java") String engine,
        Map<String, String> presets,
        @DefaultValue @Valid @NotNull LimitsProperties limits,
        @DefaultValue({"thumb", "medium", "compressed"}) @NotNull List<String> defaultPresets,
        @DefaultValue @Valid @NotNull PreviewProperties previews) {

    public ImagingProperties {
        presets = presets == null ? Map.of() : presetNames(presets);
    }

    /**
     * Boot reads {@code PIXBOX_IMAGING_PRESETS_SQUARE_THUMB} as the key {@code square.thumb}; preset names
     * never hold a dot, so read it back as {@code square_thumb}, the name the environment variable spells.
     */
    private static Map<String, String> presetNames(Map<String, String> presets) {
        Map<String, String> named = new LinkedHashMap<>();
        presets.forEach((name, recipe) -> named.put(name.replace('.', '_'), recipe));
        return Collections.unmodifiableMap(named);
    }

    /**
     * The limits every input is checked against from its header before any pixel is decoded.
     *
     * @param maxBytes     largest accepted file
     * @param maxPixels    largest accepted width × height of one frame
     * @param maxDimension largest accepted width or height, in pixels
     * @param maxFrames    most frames an animated input may have
     * @param timeout      longest the decoding and processing of one image may take
     */
    public record LimitsProperties(
            @DefaultValue("64MB") @NotNull DataSize maxBytes,
            @DefaultValue("100000000") @Positive long maxPixels,
            @DefaultValue("32768") @Positive int maxDimension,
            @DefaultValue("500") @Positive int maxFrames,
            @DefaultValue("60s") @NotNull Duration timeout) {

        public Limits toLimits() {
            return new Limits(maxBytes.toBytes(), maxPixels, maxDimension, maxFrames, timeout);
        }
    }

    /**
     * The editor's previews, rendered at once on the server while the settings change; bounded so that editing
     * cannot starve the server.
     *
     * @param atOnce most previews rendering at once on one server
     * @param maxWait how long a preview waits for a free turn before it is refused as busy
     */
    public record PreviewProperties(@DefaultValue("2") @Positive int atOnce, @DefaultValue("2s") @NotNull Duration maxWait) {
    }
}
