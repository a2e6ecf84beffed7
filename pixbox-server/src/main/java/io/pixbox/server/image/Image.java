package io.pixbox.server.image;

import io.pixbox.imaging.format.ImageFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded image: what the uploader called it and what the bytes really are.
 *
 * @param ownerId     the account that uploaded it; null for images uploaded before accounts existed
 * @param fileName    the original file name, as the uploader sent it
 * @param contentType the real media type, sniffed from the bytes (never the one declared)
 * @param width       as stored, before EXIF orientation
 * @param sha256      hex SHA-256 of the bytes: identical uploads share one stored original
 * @param objectKey   where the original lives in the originals store
 */
public record Image(UUID id, UUID ownerId, String fileName, String contentType, ImageFormat format, long bytes,
                    int width, int height, String sha256, String objectKey, Instant createdAt) {
}
