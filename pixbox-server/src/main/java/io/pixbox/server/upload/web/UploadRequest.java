package io.pixbox.server.upload.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a client announces to start a direct upload.
 *
 * @param recipes recipes to run besides the default presets, such as fit:400:400/format:webp
 * @param presets presets to run besides the default presets, such as thumb
 */
record UploadRequest(
        @Schema(description = "The file's name, kept as the image's original name", example = "beach.jpg") String fileName,
        @Schema(description = "The file's media type; the signed request allows only this one", example = "image/jpeg")
        String contentType,
        @Schema(description = "The file's exact size in bytes; the signed request allows only this size", example = "2481516")
        long bytes,
        List<String> recipes,
        List<String> presets) {
}
