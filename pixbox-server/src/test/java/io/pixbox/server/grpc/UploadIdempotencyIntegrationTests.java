package io.pixbox.server.grpc;

import static io.pixbox.server.grpc.GrpcApiIntegrationTests.assertRefused;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.bearer;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.chunk;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.UploadMetadata;
import io.pixbox.api.v1.UploadRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.server.image.Images;
import io.pixbox.server.image.UploadKeys;
import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Part;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Uploads with an idempotency key, over REST (Idempotency-Key header) and gRPC (UploadMetadata.idempotency_key):
 * a retry makes no second image, another upload under the key is refused, keys are per account, and the scheduler
 * forgets keys past their time to live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=1",
        "pixbox.uploads.idempotency.ttl=1h",
        "pixbox.uploads.idempotency.sweep-interval=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadIdempotencyIntegrationTests {

    @LocalServerPort
    int httpPort;

    @Autowired
    GrpcServerStartup grpcServer;

    @Autowired
    Images images;

    @Autowired
    UploadKeys keys;

    @Autowired
    JdbcClient jdbc;

    private ManagedChannel channel;
    private PixboxClient rest;
    private ImageServiceGrpc.ImageServiceStub grpc;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.port()).usePlaintext().build();
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void signUp() {
        rest = new PixboxClient(httpPort).signedUp();
        grpc = ImageServiceGrpc.newStub(channel).withInterceptors(bearer(rest.token()));
    }

    @Test
    void answersARetriedRestUploadWithTheFirstUploadsImages() {
        // given
        List<Part> files = List.of(PipelineContract.unique("mouse.jpg"), PipelineContract.unique("wood.webp"));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long before = images.count();

        // when: the first answer is lost, and the client sends the same upload again
        PixboxClient.Answer first = rest.upload(files, List.of("fit:64:64"), List.of(), key);
        PixboxClient.Answer retried = rest.upload(files, List.of("fit:64:64"), List.of(), key);

        // then: one set of images, and the retry answers it
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ids(retried.json())).isEqualTo(ids(first.json())).hasSize(2);
        assertThat(jobIds(retried.json())).containsExactlyInAnyOrderElementsOf(jobIds(first.json()));
        assertThat(images.count()).isEqualTo(before + 2);

        // and without a key, the same files are a new upload
        assertThat(rest.upload(files, List.of("fit:64:64"), List.of()).status()).isEqualTo(202);
        assertThat(images.count()).isEqualTo(before + 4);
    }

    @Test
    void refusesTheSameKeyForOtherFilesOrRecipesAndStoresNothing() {
        // given
        Part mouse = PipelineContract.unique("mouse.jpg");
        Map<String, String> key = Map.of("Idempotency-Key", "upload-" + UUID.randomUUID());
        assertThat(rest.upload(List.of(mouse), List.of(), List.of(), key).status()).isEqualTo(202);
        long before = images.count();

        // when / then: other bytes, another name, other recipes
        for (PixboxClient.Answer refused : List.of(
                rest.upload(List.of(PipelineContract.unique("mouse.jpg")), List.of(), List.of(), key),
                rest.upload(List.of(new Part("other-name.jpg", mouse.bytes())), List.of(), List.of(), key),
                rest.upload(List.of(mouse), List.of("fit:32:32"), List.of(), key))) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.json().get("code").asString()).isEqualTo("upload.idempotency_key_reused");
            assertThat(refused.json().get("detail").asString()).contains("Idempotency-Key");
        }
        assertThat(images.count()).isEqualTo(before);

        // and a key that is no key is a bad request
        PixboxClient.Answer bad = rest.upload(List.of(mouse), List.of(), List.of(), Map.of("Idempotency-Key", "x".repeat(256)));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("request.invalid");
    }

    @Test
    void answersARetriedGrpcUploadWithTheFirstUploadsImageAndRefusesOtherContent() {
        // given
        byte[] photo = PipelineContract.unique("goldfish.png").bytes();
        String key = UUID.randomUUID().toString();
        long before = images.count();

        // when
        UploadResponse first = upload(grpc, key, "goldfish.png", photo);
        UploadResponse retried = upload(grpc, key, "goldfish.png", photo);

        // then
        assertThat(first.getReplayed()).isFalse();
        assertThat(retried.getReplayed()).isTrue();
        assertThat(retried.getImage().getId()).isEqualTo(first.getImage().getId());
        assertThat(retried.getJobsList()).extracting(Job::getId)
                .containsExactlyInAnyOrderElementsOf(first.getJobsList().stream().map(Job::getId).toList());
        assertThat(images.count()).isEqualTo(before + 1);
        assertRefused(() -> upload(grpc, key, "goldfish.png", PipelineContract.unique("goldfish.png").bytes()),
                Status.Code.ALREADY_EXISTS, "upload.idempotency_key_reused");
        assertThat(images.count()).isEqualTo(before + 1);

        // and REST and gRPC share the caller's keys
        PixboxClient.Answer overRest = rest.upload(List.of(new Part("goldfish.png", photo)), List.of(), List.of(),
                Map.of("Idempotency-Key", key));
        assertThat(overRest.status()).as(overRest.text()).isEqualTo(200);
        assertThat(ids(overRest.json())).containsExactly(first.getImage().getId());
    }

    @Test
    void makesOneImageWhenRetriesWithTheSameKeyRaceEachOther() throws Exception {
        // given
        Part goldfish = PipelineContract.unique("goldfish.png");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long before = images.count();

        // when: four attempts at once, as an impatient client's parallel retries
        List<java.util.concurrent.CompletableFuture<PixboxClient.Answer>> attempts = Stream.generate(() ->
                java.util.concurrent.CompletableFuture.supplyAsync(() -> rest.upload(List.of(goldfish), List.of(), List.of(), key)))
                .limit(4).toList();
        List<PixboxClient.Answer> answers = attempts.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        // then: one made the image, the others answer it
        assertThat(answers).extracting(PixboxClient.Answer::status).as(answers.getFirst().text()).containsOnly(200, 202)
                .containsOnlyOnce(202);
        assertThat(answers).extracting(answer -> ids(answer.json())).containsOnly(ids(answers.getFirst().json()));
        assertThat(images.count()).isEqualTo(before + 1);
    }

    @Test
    void keepsTheKeysOfTwoAccountsApart() {
        // given: two accounts that happen to choose the same key
        PixboxClient other = new PixboxClient(httpPort).signedUp();
        Map<String, String> key = Map.of("Idempotency-Key", "photos-2026-01");
        Part mouse = PipelineContract.unique("mouse.jpg");
        Part wood = PipelineContract.unique("wood.webp");

        // when
        PixboxClient.Answer mine = rest.upload(List.of(mouse), List.of(), List.of(), key);
        PixboxClient.Answer theirsSame = other.upload(List.of(mouse), List.of(), List.of(), key);
        PixboxClient.Answer theirsOther = new PixboxClient(httpPort).signedUp().upload(List.of(wood), List.of(), List.of(), key);

        // then: each is an upload of its own
        assertThat(List.of(mine.status(), theirsSame.status(), theirsOther.status())).containsOnly(202);
        assertThat(ids(theirsSame.json())).doesNotContainAnyElementsOf(ids(mine.json()));
        assertThat(ids(theirsOther.json())).doesNotContainAnyElementsOf(ids(mine.json()));
    }

    @Test
    void forgetsKeysPastTheirTimeToLive() throws Exception {
        // given: a key remembered more than the time to live (1 h) ago
        Part mouse = PipelineContract.unique("mouse.jpg");
        String key = UUID.randomUUID().toString();
        PixboxClient.Answer first = rest.upload(List.of(mouse), List.of(), List.of(), Map.of("Idempotency-Key", key));
        UUID owner = images.find(UUID.fromString(ids(first.json()).getFirst())).orElseThrow().ownerId();
        assertThat(keys.createdAt(owner, key)).isPresent();
        jdbc.sql("UPDATE upload_keys SET created_at = ? WHERE owner_id = ? AND idempotency_key = ?")
                .params(Instant.now().minus(Duration.ofMinutes(61)).atOffset(ZoneOffset.UTC), owner, key).update();

        // then: the scheduler's sweeper forgets it
        await().atMost(Duration.ofSeconds(10)).until(() -> keys.createdAt(owner, key).isEmpty());

        // and the same key is a new upload again
        PixboxClient.Answer again = rest.upload(List.of(mouse), List.of(), List.of(), Map.of("Idempotency-Key", key));
        assertThat(again.status()).as(again.text()).isEqualTo(202);
        assertThat(ids(again.json())).doesNotContainAnyElementsOf(ids(first.json()));
    }

    private static UploadResponse upload(ImageServiceGrpc.ImageServiceStub stub, String key, String name, byte[] bytes) {
        return send(stub, Stream.of(UploadRequest.newBuilder().setMetadata(UploadMetadata.newBuilder()
                .setFileName(name).setSize(bytes.length).setIdempotencyKey(key)).build(), chunk(bytes)));
    }

    private static List<String> ids(JsonNode uploaded) {
        return uploaded.get("images").valueStream().map(image -> image.get("id").asString()).toList();
    }

    private static List<String> jobIds(JsonNode uploaded) {
        return uploaded.get("images").valueStream().flatMap(image -> image.get("jobs").valueStream())
                .map(job -> job.get("id").asString()).toList();
    }

}
