package io.pixbox.imaging.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The image formats Pixbox reads and writes, with their media type and file extension. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    AVIF("image/avif", "avif"),
    GIF("image/gif", "gif");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The name used in recipes ({@code format:webp}): the lower-case constant name. */
    public String recipeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a {@code quality} setting means anything for this format. */
    public boolean isLossy() {
        return this == JPEG || this == WEBP || this == AVIF;
    }

    /** The format for a recipe name, accepting {@code jpg} for {@code jpeg}. */
    public static Optional<ImageFormat> fromRecipeName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("jpg")) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(f -> f.recipeName().equals(n)).findFirst();
    }
}
