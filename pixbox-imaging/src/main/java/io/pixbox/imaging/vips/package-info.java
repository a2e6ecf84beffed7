/** The libvips image engine, bound by hand through {@code java.lang.foreign}. */
package io.pixbox.imaging.vips;
