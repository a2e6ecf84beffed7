package io.pixbox.server.upload.web;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * What starting a direct upload answers: the upload, and the request that puts its bytes, to be made as given
 * ({@code method} to {@code url} with exactly {@code headers}) before {@code expiresAt}.
 */
public record UploadTicket(UploadView upload, String method, URI url, Map<String, String> headers, Instant expiresAt) {
}
