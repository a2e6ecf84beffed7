package io.pixbox.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ObjectStoreIntegrationTests extends ObjectStoreContract {

    static final S3ProxyServer server = new S3ProxyServer();
    static final AtomicInteger buckets = new AtomicInteger();
    static S3Client client;
    static S3Presigner presigner;

    String bucket;

    @BeforeAll
    static void startServer() {
        server.start();
        client = S3ProxyServer.client(server);
        presigner = S3ProxyServer.presigner(server);
    }

    @AfterAll
    static void stopServer() {
        client.close();
        presigner.close();
        server.stop();
    }

    @Override
    protected ObjectStore store() {
        bucket = newBucket();
        return new S3ObjectStore(client, presigner, bucket, "pixbox/");
    }

    @Test
    void keepsObjectsUnderItsPrefixInTheBucket() {
        // when
        putBytes("3f/thumb.jpg", bytes(10, 1), "image/jpeg");

        // then
        assertThat(client.listObjectsV2(list -> list.bucket(bucket)).contents())
                .extracting(S3Object::key).containsExactly("pixbox/3f/thumb.jpg");
    }

    @Test
    void aPresignedPutStoresTheAnnouncedBytesWithoutPixboxInBetween() throws Exception {
        // given
        byte[] content = bytes(1000, 7);
        PresignedPut put = store.presignPut("uploads/direct", "image/jpeg", content.length, Duration.ofMinutes(5))
                .orElseThrow();

        // when
        HttpResponse<String> response = send(put, content, "image/jpeg");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(put.headers()).containsEntry("Content-Type", "image/jpeg")
                .containsEntry("Content-Length", "1000");
        assertThat(put.expiresAt()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
        assertThat(store.stat("uploads/direct")).hasValueSatisfying(object -> {
            assertThat(object.length()).isEqualTo(1000);
            assertThat(object.contentType()).isEqualTo("image/jpeg");
        });
    }

    @Test
    void aPresignedPutRefusesOtherBytesThanAnnounced() throws Exception {
        // given
        PresignedPut put = store.presignPut("uploads/direct", "image/jpeg", 1000, Duration.ofMinutes(5))
                .orElseThrow();

        // when
        HttpResponse<String> longer = send(put, bytes(5000, 7), "image/jpeg");
        HttpResponse<String> otherType = send(put, bytes(1000, 7), "text/html");

        // then
        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(otherType.statusCode()).isEqualTo(403);
        assertThat(store.stat("uploads/direct")).isEmpty();
    }

    @Test
    void aPresignedPutIsRefusedOnceItExpires() throws Exception {
        // given
        PresignedPut put = store.presignPut("uploads/direct", "image/jpeg", 10, Duration.ofSeconds(1)).orElseThrow();

        // when the second has passed
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(put.expiresAt().plusSeconds(1)));
        HttpResponse<String> response = send(put, bytes(10, 7), "image/jpeg");

        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(store.stat("uploads/direct")).isEmpty();
    }

    /** PUTs the body to the presigned URL with its headers, but the content type given and the body's own length. */
    private static HttpResponse<String> send(PresignedPut put, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(put.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        put.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("content-type")) {
                request.header(name, value);
            }
        });
        request.header("Content-Type", contentType);
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void keepsTheContentTypeItIsGiven() {
        // when
        putBytes("a/no-extension", bytes(10, 2), "image/png");

        // then
        assertThat(store.stat("a/no-extension"))
                .hasValueSatisfying(object -> assertThat(object.contentType()).isEqualTo("image/png"));
    }

    @Test
    void storesOnOneBucketUnderDifferentPrefixesDoNotSeeEachOther() {
        // given
        ObjectStore originals = new S3ObjectStore(client, presigner, bucket, "originals/");
        ObjectStore variants = new S3ObjectStore(client, presigner, bucket, "variants/");
        originals.put("a/1.jpg", new ByteArrayInputStream(bytes(10, 3)), 10, "image/jpeg");
        variants.put("a/1.jpg", new ByteArrayInputStream(bytes(20, 4)), 20, "image/jpeg");
        variants.put("a/2.jpg", new ByteArrayInputStream(bytes(20, 5)), 20, "image/jpeg");

        // when
        int removed = variants.deleteAll("");

        // then
        assertThat(removed).isEqualTo(2);
        assertThat(originals.list("")).extracting(StoredObject::key).containsExactly("a/1.jpg");
        assertThat(originals.stat("a/1.jpg")).hasValueSatisfying(object -> assertThat(object.length()).isEqualTo(10));
        assertThat(variants.list("")).isEmpty();
    }

    @Test
    void deleteAllRemovesMoreObjectsThanOneRequestTakes() throws Exception {
        // given
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (var put : IntStream.range(0, 1_001)
                    .mapToObj(i -> threads.submit(() -> putBytes("many/" + i + ".jpg", new byte[0], "image/jpeg")))
                    .toList()) {
                put.get();
            }
        }

        // when
        int removed = store.deleteAll("many/");

        // then
        assertThat(removed).isEqualTo(1_001);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aMissingBucketIsUnavailableStorageNotAMissingObject() {
        // given
        ObjectStore nowhere = new S3ObjectStore(client, presigner, "no-such-bucket", "");

        // when, then
        assertThatThrownBy(() -> nowhere.open("a.jpg"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("NoSuchBucket");
        assertThatThrownBy(() -> nowhere.list(""))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void refusedCredentialsAreUnavailableStorageNamingTheS3ErrorCode() {
        try (S3Client stranger = S3ProxyServer.client(server.endpoint(), "stranger", "wrong-secret")) {
            // given
            ObjectStore refused = new S3ObjectStore(stranger, presigner, bucket, "pixbox/");

            // when, then
            assertThatThrownBy(() -> refused.put("a.jpg", new ByteArrayInputStream(bytes(1, 6)), 1, "image/jpeg"))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("InvalidAccessKeyId");
        }
    }

    @Test
    void aStoppedServerMakesEveryOperationFailAsUnavailableWithoutHanging() {
        // given
        S3ProxyServer stopped = new S3ProxyServer().start();
        try (S3Client s3 = S3ProxyServer.client(stopped)) {
            s3.createBucket(create -> create.bucket("stopped"));
            ObjectStore store = new S3ObjectStore(s3, presigner, "stopped", "");
            store.put("a.jpg", new ByteArrayInputStream(bytes(10, 7)), 10, "image/jpeg");
            stopped.stop();

            // when, then
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                List<ThrowingCallable> operations = List.of(
                        () -> store.put("b.jpg", new ByteArrayInputStream(bytes(10, 8)), 10, "image/jpeg"),
                        () -> store.open("a.jpg"),
                        () -> store.stat("a.jpg"),
                        () -> store.list(""),
                        () -> store.delete("a.jpg"),
                        () -> store.deleteAll(""));
                for (ThrowingCallable operation : operations) {
                    assertThatThrownBy(operation)
                            .isInstanceOf(StorageUnavailableException.class)
                            .hasMessageContaining(stopped.endpoint().toString());
                }
            });
        } finally {
            stopped.stop();
        }
    }

    @Test
    void describesItselfByBucketPrefixAndEndpoint() {
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/pixbox/ at " + server.endpoint());
    }

    private static String newBucket() {
        String name = "contract-" + buckets.incrementAndGet();
        client.createBucket(create -> create.bucket(name));
        return name;
    }
}
