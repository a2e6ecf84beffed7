package io.pixbox.server.queue;

import java.util.UUID;

/** A job to be queued: a recipe, in canonical form, to run on an image. */
public record NewJob(UUID id, UUID imageId, String recipe) {
}
