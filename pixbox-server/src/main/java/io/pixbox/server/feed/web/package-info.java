/** The REST API of the feed: {@code /api/v1/posts}, {@code /api/v1/feed} and {@code /api/v1/users/{username}/feed}. */
package io.pixbox.server.feed.web;
