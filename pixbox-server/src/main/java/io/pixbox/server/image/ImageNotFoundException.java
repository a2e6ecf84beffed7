package io.pixbox.server.image;

import java.util.UUID;

/** No image has the id asked for, or it has been deleted. */
public class ImageNotFoundException extends RuntimeException {

    public ImageNotFoundException(UUID id) {
        super("no image " + id);
    }

    public ImageNotFoundException(String message) {
        super(message);
    }
}
