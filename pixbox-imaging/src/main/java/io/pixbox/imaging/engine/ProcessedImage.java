package io.pixbox.imaging.engine;

import io.pixbox.imaging.format.ImageFormat;

/** What an engine wrote: the encoded format, the final dimensions and the number of bytes. */
public record ProcessedImage(ImageFormat format, int width, int height, long bytes) {
}
