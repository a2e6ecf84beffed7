package io.pixbox.server.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A caption and the images it shows, in order, by one account. */
public record Post(UUID id, UUID ownerId, String ownerName, String caption, Instant createdAt, Instant updatedAt,
                   List<UUID> imageIds) {
}
