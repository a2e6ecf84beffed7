package io.pixbox.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.storage.ObjectStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Direct uploads end to end, written once and run against every object store: the client starts an upload, puts
 * the bytes with the signed request it is given (to the store itself, or to Pixbox when the store is its disk),
 * completes it, and gets an image with its jobs; the bad paths leave nothing behind but the failed record.
 *
 * <p>Subclasses start the server with a byte limit of 2 MB.
 */
abstract class DirectUploadContract {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final long LIMIT = 2 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectStores stores;

    PixboxClient client;

    @BeforeEach
    void signUp() {
        client = new PixboxClient(port).signedUp();
    }

    @Test
    void aFilePutWithTheSignedRequestAndCompletedBecomesAnImageWithItsVariants() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        JsonNode ticket = start("mouse.jpg", "image/jpeg", photo.length, "\"presets\":[\"medium\"]");

        // when
        HttpResponse<String> put = put(ticket, photo);
        Answer completed = client.postJson(path(ticket, "completeUrl"), "");

        // then
        assertThat(put.statusCode()).as(put.body()).isIn(200, 204);
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        JsonNode upload = completed.json();
        assertThat(upload.get("state").asString()).isEqualTo("completed");
        Answer image = client.get(upload.get("imageUrl").asString());
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.json().get("fileName").asString()).isEqualTo("mouse.jpg");
        assertThat(image.json().get("bytes").asLong()).isEqualTo(photo.length);
        List<String> jobs = jdbc.sql("SELECT id FROM jobs WHERE image_id = ?")
                .param(java.util.UUID.fromString(upload.get("imageId").asString())).query(String.class).list();
        assertThat(jobs).hasSize(3);
        jobs.forEach(job -> assertThat(client.awaitJob("/api/v1/jobs/" + job, PATIENCE).get("state").asString())
                .isEqualTo("succeeded"));
        assertThat(stores.originals().stat("uploads/" + upload.get("id").asString()))
                .as("the staging copy is removed once the original is kept under its hash").isEmpty();
    }

    @Test
    void completingTwiceOrFromTwoClientsAtOnceMakesOneImage() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("goldfish.png").bytes();
        JsonNode ticket = start("goldfish.png", "image/png", photo.length, null);
        put(ticket, photo);
        String complete = path(ticket, "completeUrl");

        // when
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pool.submit((Callable<Answer>) () -> client.postJson(complete, "")));
            }
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
        }
        answers.add(client.postJson(complete, ""));

        // then
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(200));
        assertThat(answers).extracting(answer -> answer.json().get("imageId").asString()).containsOnly(
                answers.getFirst().json().get("imageId").asString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images WHERE file_name = 'goldfish.png' AND owner_id = "
                + "(SELECT owner_id FROM uploads WHERE id = ?)").param(java.util.UUID.fromString(
                ticket.get("upload").get("id").asString())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void completingBeforeTheBytesArriveSaysSoAndLeavesTheUploadPending() throws Exception {
        // given
        JsonNode ticket = start("mouse.jpg", "image/jpeg", 1000, null);

        // when
        Answer early = client.postJson(path(ticket, "completeUrl"), "");

        // then
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asString()).isEqualTo("upload.not_received");
        assertThat(client.get(path(ticket, "url")).json().get("state").asString()).isEqualTo("pending");
    }

    @Test
    void aTextFilePutAsAnImageIsDeletedAndTheUploadFailedWithTheReason() throws Exception {
        // given
        byte[] text = "this is not a picture at all, only words".getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = start("notes.jpg", "image/jpeg", text.length, null);
        put(ticket, text);
        long images = countImages();

        // when
        Answer completed = client.postJson(path(ticket, "completeUrl"), "");

        // then
        assertThat(completed.status()).as(completed.text()).isEqualTo(422);
        assertThat(completed.json().get("code").asString()).isEqualTo("image.unsupported_format");
        assertThat(completed.json().get("detail").asString()).startsWith("notes.jpg: ");
        JsonNode upload = client.get(path(ticket, "url")).json();
        assertThat(upload.get("state").asString()).isEqualTo("failed");
        assertThat(upload.get("errorCode").asString()).isEqualTo("image.unsupported_format");
        assertThat(upload.get("reason").asString()).isNotBlank();
        assertThat(stores.originals().stat("uploads/" + upload.get("id").asString())).isEmpty();
        assertThat(countImages()).isEqualTo(images);
        assertThat(client.postJson(path(ticket, "completeUrl"), "").status())
                .as("completing again answers the same").isEqualTo(422);
    }

    @Test
    void aTruncatedPhotoIsRefusedAsCorrupt() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        byte[] half = java.util.Arrays.copyOf(photo, photo.length / 2);
        JsonNode ticket = start("mouse.jpg", "image/jpeg", half.length, null);
        put(ticket, half);

        // when
        Answer completed = client.postJson(path(ticket, "completeUrl"), "");

        // then
        assertThat(completed.status()).as(completed.text()).isEqualTo(422);
        assertThat(completed.json().get("code").asString()).isEqualTo("image.corrupt");
    }

    @Test
    void anUploadOverTheByteLimitOrOfAnotherTypeIsRefusedBeforeAnyUrlIsSigned() {
        // when
        Answer tooLarge = client.postJson("/api/v1/uploads", body("big.jpg", "image/jpeg", LIMIT + 1, null));
        Answer text = client.postJson("/api/v1/uploads", body("notes.txt", "text/plain", 100, null));
        Answer empty = client.postJson("/api/v1/uploads", body("empty.jpg", "image/jpeg", 0, null));
        Answer badRecipe = client.postJson("/api/v1/uploads", body("a.jpg", "image/jpeg", 10, "\"recipes\":[\"spin:9\"]"));

        // then
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asString()).isEqualTo("image.too_large");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("code").asString()).isEqualTo("image.unsupported_format");
        assertThat(text.json().get("detail").asString()).contains("image/jpeg", "text/plain");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("code").asString()).isEqualTo("upload.invalid_size");
        assertThat(badRecipe.status()).isEqualTo(400);
        assertThat(badRecipe.json().get("code").asString()).isEqualTo("recipe.invalid");
    }

    @Test
    void theSignedRequestTakesOnlyTheAnnouncedBytes() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        JsonNode ticket = start("mouse.jpg", "image/jpeg", photo.length, null);

        // when
        int longer = refusal(ticket, java.util.Arrays.copyOf(photo, photo.length + 10), "image/jpeg");
        int otherType = refusal(ticket, photo, "image/png");

        // then
        assertThat(longer).isIn(400, 403, CLOSED);
        assertThat(otherType).isIn(400, 403, CLOSED);
        assertThat(stores.originals().stat("uploads/" + ticket.get("upload").get("id").asString())).isEmpty();
    }

    /** Stands for a store that refused by closing the connection before answering, as S3Proxy may mid-body. */
    static final int CLOSED = -1;

    /** The status a store answered a request it should refuse with, or {@link #CLOSED}. */
    static int refusal(JsonNode ticket, byte[] body, String contentType) throws InterruptedException {
        try {
            return put(ticket, body, contentType).statusCode();
        } catch (IOException e) {
            return CLOSED;
        }
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesOrCompletesAnUpload() throws Exception {
        // given
        JsonNode ticket = start("mouse.jpg", "image/jpeg", 1000, null);
        PixboxClient other = new PixboxClient(port).signedUp();
        PixboxClient anonymous = new PixboxClient(port);

        // then
        assertThat(other.get(path(ticket, "url")).status()).isEqualTo(403);
        assertThat(other.postJson(path(ticket, "completeUrl"), "").status()).isEqualTo(403);
        assertThat(anonymous.get(path(ticket, "url")).status()).isEqualTo(401);
        assertThat(anonymous.postJson("/api/v1/uploads", body("a.jpg", "image/jpeg", 10, null)).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/uploads/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    JsonNode start(String fileName, String contentType, long bytes, String extra) {
        return start(client, fileName, contentType, bytes, extra);
    }

    static JsonNode start(PixboxClient client, String fileName, String contentType, long bytes, String extra) {
        Answer started = client.postJson("/api/v1/uploads", body(fileName, contentType, bytes, extra));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.headers().getLocation()).isNotNull();
        JsonNode ticket = started.json();
        assertThat(ticket.get("method").asString()).isEqualTo("PUT");
        assertThat(ticket.get("upload").get("state").asString()).isEqualTo("pending");
        return ticket;
    }

    static String body(String fileName, String contentType, long bytes, String extra) {
        return "{\"fileName\":\"" + fileName + "\",\"contentType\":\"" + contentType + "\",\"bytes\":" + bytes
                + (extra == null ? "" : "," + extra) + "}";
    }

    static String path(JsonNode ticket, String link) {
        return ticket.get("upload").get(link).asString();
    }

    long countImages() {
        return jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single();
    }

    /** Makes the ticket's request as a client would: its URL and headers, the file as the body. */
    static HttpResponse<String> put(JsonNode ticket, byte[] body) throws IOException, InterruptedException {
        return put(ticket, body, ticket.get("headers").get("Content-Type").asString());
    }

    /** The ticket's request with another body or content type; the JDK sets Content-Length from the body. */
    static HttpResponse<String> put(JsonNode ticket, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        ticket.get("headers").properties().forEach(header -> {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("content-type")) {
                request.header(name, header.getValue().asString());
            }
        });
        request.header("Content-Type", contentType);
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

}
