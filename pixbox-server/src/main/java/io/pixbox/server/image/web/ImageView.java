package io.pixbox.server.image.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pixbox.server.image.Image;
import io.pixbox.server.processing.web.JobView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An image as the API shows it; {@code variants} and {@code jobs} only where the response says so.
 *
 * @param contentType the real media type, sniffed from the bytes
 * @param width       as stored, before EXIF orientation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageView(UUID id, String fileName, String contentType, String format, long bytes, int width,
                        int height, String sha256, Instant createdAt, String url, String originalUrl,
                        String variantsUrl, List<VariantView> variants, List<JobView> jobs) {

    static ImageView of(Image image) {
        return of(image, null, null);
    }

    static ImageView of(Image image, List<VariantView> variants, List<JobView> jobs) {
        String url = "/api/v1/images/" + image.id();
        return new ImageView(image.id(), image.fileName(), image.contentType(), image.format().recipeName(),
                image.bytes(), image.width(), image.height(), image.sha256(), image.createdAt(), url,
                url + "/original", url + "/variants", variants, jobs);
    }
}
