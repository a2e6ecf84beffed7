package io.pixbox.server.upload.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pixbox.server.upload.DirectUpload;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A direct upload as the API shows it.
 *
 * @param state     pending, completed, failed or expired
 * @param errorCode why a failed or expired upload ended, as a stable code such as image.unsupported_format
 * @param imageUrl  the image made of it, once completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadView(UUID id, String state, String fileName, String contentType, long bytes, List<String> recipes,
                         UUID imageId, String errorCode, String reason, Instant createdAt, Instant expiresAt,
                         Instant finishedAt, String url, String completeUrl, String imageUrl) {

    static UploadView of(DirectUpload upload) {
        String url = "/api/v1/uploads/" + upload.id();
        return new UploadView(upload.id(), upload.state().name().toLowerCase(java.util.Locale.ROOT),
                upload.fileName(), upload.contentType(), upload.bytes(), upload.recipes(), upload.imageId(),
                upload.errorCode(), upload.reason(), upload.createdAt(), upload.expiresAt(), upload.finishedAt(), url,
                url + "/complete", upload.imageId() == null ? null : "/api/v1/images/" + upload.imageId());
    }
}
