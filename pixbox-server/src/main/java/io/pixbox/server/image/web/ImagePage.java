package io.pixbox.server.image.web;

import java.util.List;

/** One page of the newest-first image list; {@code nextCursor} is null on the last page. */
public record ImagePage(List<ImageView> items, String nextCursor) {
}
