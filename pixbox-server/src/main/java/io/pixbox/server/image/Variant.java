package io.pixbox.server.image;

import io.pixbox.imaging.format.ImageFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * What a recipe made of an image.
 *
 * @param recipe    the recipe in canonical form
 * @param objectKey where the bytes live in the variants store, derived from the image's hash and the recipe
 */
public record Variant(UUID id, UUID imageId, String recipe, String objectKey, ImageFormat format, long bytes,
                      int width, int height, Instant createdAt) {
}
