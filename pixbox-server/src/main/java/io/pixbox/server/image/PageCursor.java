package io.pixbox.server.image;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the newest-first image list ended: the last item's time and id. Opaque to clients, and stable
 * while new images arrive, because new ones sort before it.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public String encode() {
        String text = createdAt.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; {@link IllegalArgumentException} when it is not one of ours. */
    public static PageCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor this server gave out: \"" + text + "\"");
        }
    }

    /** The cursor of the page that starts after this image. */
    public static PageCursor after(Image image) {
        return new PageCursor(image.createdAt(), image.id());
    }
}
