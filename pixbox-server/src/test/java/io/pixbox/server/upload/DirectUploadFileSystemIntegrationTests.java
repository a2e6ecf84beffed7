package io.pixbox.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PipelineContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Direct uploads on the embedded defaults: the store is Pixbox's own disk, so Pixbox takes the signed PUT itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2"})
class DirectUploadFileSystemIntegrationTests extends DirectUploadContract {

    @Test
    void theSignedUrlPointsAtPixboxAndNeedsNoToken() {
        // when
        JsonNode ticket = start("mouse.jpg", "image/jpeg", 1000, null);

        // then
        URI url = URI.create(ticket.get("url").asString());
        assertThat(url.getPort()).isEqualTo(port);
        assertThat(url.getPath()).isEqualTo("/api/v1/uploads/" + ticket.get("upload").get("id").asString() + "/content");
        assertThat(url.getQuery()).contains("expires=", "signature=");
        assertThat(ticket.get("headers").get("Content-Type").asString()).isEqualTo("image/jpeg");
        assertThat(ticket.get("headers").get("Content-Length").asString()).isEqualTo("1000");
    }

    @Test
    void aTamperedSignatureOrExpiryIsRefused() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        JsonNode ticket = start("mouse.jpg", "image/jpeg", photo.length, null);
        String url = ticket.get("url").asString();
        String expires = url.replaceAll(".*expires=(\\d+).*", "$1");

        // when
        HttpResponse<String> badSignature = send(url.replaceAll("signature=[^&]+", "signature=AAAA"), photo);
        HttpResponse<String> laterExpiry = send(url.replace("expires=" + expires,
                "expires=" + (Long.parseLong(expires) + 3600)), photo);
        HttpResponse<String> otherUpload = send(url.replace(ticket.get("upload").get("id").asString(),
                start("goldfish.png", "image/png", photo.length, null).get("upload").get("id").asString()), photo);

        // then
        assertThat(badSignature.statusCode()).isEqualTo(403);
        assertThat(badSignature.body()).contains("upload.bad_signature");
        assertThat(laterExpiry.statusCode()).isEqualTo(403);
        assertThat(otherUpload.statusCode()).isEqualTo(403);
        assertThat(stores.originals().stat("uploads/" + ticket.get("upload").get("id").asString())).isEmpty();
    }

    @Test
    void anUploadTakesNoBytesOnceItHasEnded() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        JsonNode ticket = start("mouse.jpg", "image/jpeg", photo.length, null);
        put(ticket, photo);
        assertThat(client.postJson(path(ticket, "completeUrl"), "").status()).isEqualTo(200);

        // when
        HttpResponse<String> again = put(ticket, photo);

        // then
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("upload.finished");
    }

    private static HttpResponse<String> send(String url, byte[] body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/jpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
