package io.pixbox.server.storage;

import java.util.Locale;
import java.util.Map;

/** The content type a key's extension implies, for a store that cannot keep one and for listings that do not carry one. */
final class ContentTypes {

    static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "webp", "image/webp",
            "avif", "image/avif",
            "gif", "image/gif");

    private ContentTypes() {
    }

    /** The image type of the key's extension, ignoring case, or {@value #UNKNOWN}. */
    static String fromKey(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot > key.lastIndexOf('/') ? key.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return BY_EXTENSION.getOrDefault(extension, UNKNOWN);
    }
}
