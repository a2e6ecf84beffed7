package io.pixbox.server.image.web;

import java.util.List;

/** What an upload answers: each stored image, in the order sent, with the jobs queued for it. */
public record UploadResponse(List<ImageView> images) {
}
