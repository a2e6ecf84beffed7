package io.pixbox.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.storage.ObjectStores;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Uploads that are never completed are expired by the scheduler, with whatever was put for them removed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.uploads.ttl=2s",
        "pixbox.uploads.sweep-interval=500ms"})
class DirectUploadExpiryIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ObjectStores stores;

    @Test
    void anUploadNotCompletedInTimeIsExpiredAndItsBytesRemoved() throws Exception {
        // given bytes put in time, but never completed
        PixboxClient client = new PixboxClient(port).signedUp();
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        JsonNode ticket = DirectUploadContract.start(client, "mouse.jpg", "image/jpeg", photo.length, null);
        HttpResponse<String> put = DirectUploadContract.put(ticket, photo);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        String key = "uploads/" + ticket.get("upload").get("id").asString();
        assertThat(stores.originals().stat(key)).isPresent();

        // when the scheduler has swept past its expiry
        String url = DirectUploadContract.path(ticket, "url");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                client.get(url).json().get("state").asString().equals("expired"));

        // then
        JsonNode upload = client.get(url).json();
        assertThat(upload.get("errorCode").asString()).isEqualTo("upload.expired");
        assertThat(stores.originals().stat(key)).isEmpty();
        Answer late = client.postJson(DirectUploadContract.path(ticket, "completeUrl"), "");
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().get("code").asString()).isEqualTo("upload.expired");
        assertThat(DirectUploadContract.put(ticket, photo).statusCode()).isEqualTo(410);
    }
}
