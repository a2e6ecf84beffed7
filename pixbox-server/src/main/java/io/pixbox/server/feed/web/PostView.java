package io.pixbox.server.feed.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A post as the feed shows it.
 *
 * @param thumbnailsReady false while any of its images still lacks a thumbnail
 */
public record PostView(UUID id, String author, String caption, Instant createdAt, Instant updatedAt,
                       List<PostImage> images, boolean thumbnailsReady, String url) {

    /**
     * One image of a post.
     *
     * @param thumbnails preset name to the URL of that variant, for those made so far
     * @param pending    whether some thumbnail is still being made
     */
    public record PostImage(UUID id, int width, int height, String url, String originalUrl,
                            Map<String, Thumbnail> thumbnails, boolean pending) {
    }

    /** One size of thumbnail. */
    public record Thumbnail(String url, int width, int height) {
    }
}
