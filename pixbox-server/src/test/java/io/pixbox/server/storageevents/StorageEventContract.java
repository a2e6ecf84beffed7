package io.pixbox.server.storageevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.storage.S3ProxyServer;
import io.pixbox.server.storageevents.StorageEvent.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Storage events end to end, written once and run for every source: objects are put into and removed from the
 * originals bucket behind Pixbox's back (as {@code aws s3 cp} would), and the store's notifications are delivered
 * in that source's format; Pixbox must end with exactly the images the bucket holds.
 *
 * <p>Subclasses start the server with {@link #S3} as its store, originals under {@code originals/} in {@link #BUCKET},
 * events owned by {@link #OWNER}, and deliver notifications in their own way.
 */
abstract class StorageEventContract {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String BUCKET = "pixbox-events";
    static final String OWNER = "bucket-owner";
    static final S3ProxyServer S3 = new S3ProxyServer().start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PixboxClient owner;
    S3Client s3;

    static void storeSettings(DynamicPropertyRegistry registry) {
        registry.add("pixbox.storage.type", () -> "s3");
        registry.add("pixbox.storage.s3.bucket", () -> BUCKET);
        registry.add("pixbox.storage.s3.path-style", () -> "true");
        registry.add("pixbox.storage.s3.create-buckets", () -> "true");
        registry.add("pixbox.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("pixbox.storage.s3.access-key", S3::accessKey);
        registry.add("pixbox.storage.s3.secret-key", S3::secretKey);
        registry.add("pixbox.storage-events.owner", () -> OWNER);
        registry.add("pixbox.imaging.limits.max-bytes", () -> "2MB");
        registry.add("pixbox.processing.concurrency", () -> "2");
    }

    /** Delivers one notification, as the store would send it for {@code key} in {@code bucket}. */
    abstract void deliver(Kind kind, String bucket, String key);

    /** Delivers a message body as it is. */
    abstract void deliverRaw(String body);

    @BeforeEach
    void connect() {
        PixboxClient anonymous = new PixboxClient(port);
        anonymous.postJson("/api/v1/auth/register", "{\"username\":\"" + OWNER + "\",\"email\":\"" + OWNER
                + "@example.com\",\"password\":\"correct horse battery\"}");
        Answer session = anonymous.postJson("/api/v1/auth/login", "{\"username\":\"" + OWNER
                + "\",\"password\":\"correct horse battery\"}");
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        owner = anonymous.withToken(session.json().get("accessToken").asString());
        s3 = S3ProxyServer.client(S3);
    }

    @Test
    void anObjectCopiedIntoTheBucketBecomesAnImageOfTheOwnersWithItsVariants() {
        // given
        String key = "originals/camera/" + unique() + ".jpg";
        put(key, PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");

        // when
        deliver(Kind.CREATED, BUCKET, key);

        // then
        UUID image = awaitImported(key);
        JsonNode shown = owner.get("/api/v1/images/" + image).json();
        assertThat(shown.get("fileName").asString()).isEqualTo(key.substring(key.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT a.username FROM images i JOIN accounts a ON a.id = i.owner_id WHERE i.id = ?")
                .param(image).query(String.class).single()).isEqualTo(OWNER);
        List<String> jobs = jdbc.sql("SELECT id FROM jobs WHERE image_id = ?").param(image).query(String.class).list();
        assertThat(jobs).hasSize(3);
        jobs.forEach(job -> assertThat(owner.awaitJob("/api/v1/jobs/" + job, PATIENCE).get("state").asString())
                .isEqualTo("succeeded"));
        assertThat(s3.headObject(head -> head.bucket(BUCKET).key(key)).contentLength())
                .as("the object stays where it was put").isPositive();
    }

    @Test
    void aRepeatedEventMakesNoSecondImage() {
        // given
        String key = "originals/camera/" + unique() + ".png";
        put(key, PipelineContract.unique("goldfish.png").bytes(), "image/png");
        deliver(Kind.CREATED, BUCKET, key);
        UUID image = awaitImported(key);

        // when
        deliver(Kind.CREATED, BUCKET, key);
        deliver(Kind.CREATED, BUCKET, key);
        String marker = markerAfter();

        // then
        awaitImported(marker);
        assertThat(imagesNamed(key)).containsExactly(image);
    }

    @Test
    void removingTheObjectRemovesItsImageAndVariants() {
        // given
        String key = "originals/camera/" + unique() + ".jpg";
        put(key, PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");
        deliver(Kind.CREATED, BUCKET, key);
        UUID image = awaitImported(key);
        String sha = owner.get("/api/v1/images/" + image).json().get("sha256").asString();
        jdbc.sql("SELECT id FROM jobs WHERE image_id = ?").param(image).query(String.class).list()
                .forEach(job -> owner.awaitJob("/api/v1/jobs/" + job, PATIENCE));

        // when
        s3.deleteObject(delete -> delete.bucket(BUCKET).key(key));
        deliver(Kind.REMOVED, BUCKET, key);

        // then
        await().atMost(PATIENCE).until(() -> owner.get("/api/v1/images/" + image).status() == 404);
        assertThat(state(key)).isEqualTo("removed");
        assertThat(s3.listObjectsV2(list -> list.bucket(BUCKET).prefix("variants/" + sha.substring(0, 2) + "/" + sha))
                .contents()).isEmpty();
    }

    @Test
    void eventsThatArriveLateOrOutOfOrderLeaveWhatTheBucketHolds() {
        // given an object put and removed again before any event is handled
        String gone = "originals/camera/" + unique() + ".jpg";
        put(gone, PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");
        s3.deleteObject(delete -> delete.bucket(BUCKET).key(gone));

        // when its events arrive the wrong way round, and a removal arrives for an object that is there
        deliver(Kind.REMOVED, BUCKET, gone);
        deliver(Kind.CREATED, BUCKET, gone);
        String kept = "originals/camera/" + unique() + ".jpg";
        put(kept, PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");
        deliver(Kind.CREATED, BUCKET, kept);
        UUID image = awaitImported(kept);
        deliver(Kind.REMOVED, BUCKET, kept);
        awaitImported(markerAfter());

        // then
        assertThat(imagesNamed(gone)).isEmpty();
        assertThat(state(gone)).isEqualTo("removed");
        assertThat(imagesNamed(kept)).containsExactly(image);
        assertThat(state(kept)).isEqualTo("imported");
    }

    @Test
    void aNonImageObjectIsRecordedAsRejectedWithTheReasonAndNotProcessed() {
        // given
        String key = "originals/notes/" + unique() + ".jpg";
        put(key, "only words, no picture".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        long images = jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single();

        // when
        deliver(Kind.CREATED, BUCKET, key);

        // then
        await().atMost(PATIENCE).until(() -> "rejected".equals(state(key)));
        JsonNode rejected = owner.get("/api/v1/bucket-objects?state=rejected&limit=100").json();
        JsonNode item = null;
        for (JsonNode candidate : rejected.get("items")) {
            if (candidate.get("key").asString().equals(key.substring("originals/".length()))) {
                item = candidate;
            }
        }
        assertThat(item).as("listed as rejected: %s", rejected).isNotNull();
        assertThat(item.get("errorCode").asString()).isEqualTo("image.unsupported_format");
        assertThat(item.get("reason").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single()).isEqualTo(images);
        assertThat(new PixboxClient(port).signedUp().get("/api/v1/bucket-objects").status())
                .as("only admins see the bucket's objects").isEqualTo(403);
    }

    @Test
    void eventsForOtherBucketsAndForPixboxsOwnObjectsChangeNothing() {
        // given an image uploaded through the API, whose original Pixbox stored itself
        Answer uploaded = owner.upload(PipelineContract.unique("mouse.jpg"));
        assertThat(uploaded.status()).isEqualTo(202);
        String sha = uploaded.json().get("images").get(0).get("sha256").asString();
        long images = jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single();

        // when
        deliver(Kind.CREATED, BUCKET, "originals/" + sha.substring(0, 2) + "/" + sha + ".jpg");
        deliver(Kind.REMOVED, BUCKET, "originals/" + sha.substring(0, 2) + "/" + sha + ".jpg");
        deliver(Kind.CREATED, "some-other-bucket", "originals/camera/elsewhere.jpg");
        deliver(Kind.CREATED, BUCKET, "variants/" + sha.substring(0, 2) + "/" + sha + "/0123456789abcdef.webp");
        awaitImported(markerAfter());

        // then
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single()).isEqualTo(images + 1);
        assertThat(owner.get(uploaded.json().get("images").get(0).get("url").asString()).status()).isEqualTo(200);
    }

    @Test
    void aDirectUploadIsCompletedByItsStorageEventWithoutTheClientCompletingIt() throws Exception {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        Answer started = owner.postJson("/api/v1/uploads", "{\"fileName\":\"direct.jpg\",\"contentType\":\"image/jpeg\","
                + "\"bytes\":" + photo.length + "}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        JsonNode ticket = started.json();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.get("url").asString()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        String id = ticket.get("upload").get("id").asString();

        // when
        deliver(Kind.CREATED, BUCKET, "originals/uploads/" + id);

        // then
        String url = ticket.get("upload").get("url").asString();
        await().atMost(PATIENCE).until(() -> owner.get(url).json().get("state").asString().equals("completed"));
        String image = owner.get(url).json().get("imageId").asString();
        Answer completedByClient = owner.postJson(url + "/complete", "");
        assertThat(completedByClient.status()).isEqualTo(200);
        assertThat(completedByClient.json().get("imageId").asString()).isEqualTo(image);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images WHERE id = ?").param(UUID.fromString(image))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageIsDroppedAndTheEventsAfterItStillArrive() {
        // when
        deliverRaw("this is not JSON {");
        deliverRaw("{\"Records\": \"not an array\"}");
        String key = markerAfter();

        // then
        awaitImported(key);
    }

    /** Puts a fresh photo and delivers its event: once it is imported, every event delivered before it was handled. */
    String markerAfter() {
        String key = "originals/markers/" + unique() + ".jpg";
        put(key, PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");
        deliver(Kind.CREATED, BUCKET, key);
        return key;
    }

    UUID awaitImported(String key) {
        await().atMost(PATIENCE).until(() -> "imported".equals(state(key)));
        return jdbc.sql("SELECT image_id FROM bucket_objects WHERE object_key = ?").param(storeKey(key))
                .query(UUID.class).single();
    }

    String state(String key) {
        return jdbc.sql("SELECT state FROM bucket_objects WHERE object_key = ?").param(storeKey(key))
                .query(String.class).optional().orElse(null);
    }

    List<UUID> imagesNamed(String key) {
        return jdbc.sql("SELECT id FROM images WHERE file_name = ?").param(key.substring(key.lastIndexOf('/') + 1))
                .query(UUID.class).list();
    }

    void put(String key, byte[] bytes, String contentType) {
        s3.putObject(put -> put.bucket(BUCKET).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    static String storeKey(String key) {
        return key.substring("originals/".length());
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
