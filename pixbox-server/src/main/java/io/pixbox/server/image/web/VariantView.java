package io.pixbox.server.image.web;

import io.pixbox.server.image.Variant;
import java.time.Instant;
import java.util.UUID;

/**
 * A variant as the API shows it.
 *
 * @param recipe the recipe in canonical form
 * @param preset the name of the preset with this recipe, or null
 * @param url    where to download it
 */
public record VariantView(UUID id, String recipe, String preset, String format, int width, int height, long bytes,
                          Instant createdAt, String url) {

    static VariantView of(Variant variant, String preset) {
        return new VariantView(variant.id(), variant.recipe(), preset, variant.format().recipeName(), variant.width(),
                variant.height(), variant.bytes(), variant.createdAt(),
                "/api/v1/images/" + variant.imageId() + "/variants/" + variant.id());
    }
}
