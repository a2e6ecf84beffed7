package io.pixbox.server.grpc;

import static io.pixbox.server.grpc.GrpcApiIntegrationTests.assertRefused;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.bearer;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.download;
import static io.pixbox.server.grpc.GrpcApiIntegrationTests.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.pixbox.api.v1.GetImageRequest;
import io.pixbox.api.v1.GetJobRequest;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.JobServiceGrpc;
import io.pixbox.api.v1.ListImagesRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.storage.S3ProxyServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The gRPC API when what it stands on is down: an object store without its bucket and a database that no longer
 * answers are UNAVAILABLE with the reasons storage.unavailable and database.unavailable, and calls work again once
 * they are back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=1",
        "pixbox.storage.type=s3",
        "pixbox.storage.s3.region=us-east-1",
        "pixbox.storage.s3.path-style=true",
        "pixbox.storage.s3.create-buckets=true",
        "pixbox.storage.originals.bucket=grpc-originals",
        "pixbox.storage.variants.bucket=grpc-variants",
        // A database that is down is told within a second or two, not after Hikari's default half minute.
        "spring.datasource.hikari.connection-timeout=1500",
        "spring.datasource.hikari.validation-timeout=1000"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcUnavailableIntegrationTests {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "pixbox_grpc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final S3ProxyServer S3 = new S3ProxyServer().start();
    private static final TcpRelay DATABASE = relay();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws SQLException, IOException {
        execute("CREATE SCHEMA " + SCHEMA);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + DATABASE.port()
                + "/test?currentSchema=" + SCHEMA + "&connectTimeout=2&socketTimeout=5");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("pixbox.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("pixbox.storage.s3.access-key", S3::accessKey);
        registry.add("pixbox.storage.s3.secret-key", S3::secretKey);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    GrpcServerStartup grpcServer;

    private ManagedChannel channel;
    private ImageServiceGrpc.ImageServiceBlockingStub anonymous;
    private ImageServiceGrpc.ImageServiceStub imagesAsync;
    private JobServiceGrpc.JobServiceBlockingStub jobsApi;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.port()).usePlaintext().build();
    }

    @BeforeEach
    void signUp() {
        DATABASE.up();
        PixboxClient rest = new PixboxClient(httpPort).signedUp();
        anonymous = ImageServiceGrpc.newBlockingStub(channel);
        imagesAsync = ImageServiceGrpc.newStub(channel).withInterceptors(bearer(rest.token()));
        jobsApi = JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(rest.token()));
    }

    @AfterAll
    void dropEverything() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        DATABASE.close();
        S3.close();
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void answersUnavailableStorageUnavailableWhileTheBucketIsGone() {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        UploadResponse kept = upload(imagesAsync, "mouse.jpg", photo, List.of(), List.of());
        try (S3Client s3 = S3ProxyServer.client(S3)) {
            byte[] original = s3.getObjectAsBytes(r -> r.bucket("grpc-originals").key(
                    s3.listObjectsV2(l -> l.bucket("grpc-originals")).contents().getFirst().key())).asByteArray();
            String key = s3.listObjectsV2(l -> l.bucket("grpc-originals")).contents().getFirst().key();
            removeBucket(s3, "grpc-originals");
            try {
                // then: neither a download nor an upload can reach the bytes
                assertRefused(() -> download(anonymous, kept.getImage().getId(), ""),
                        Status.Code.UNAVAILABLE, "storage.unavailable");
                assertRefused(() -> upload(imagesAsync, "wood.webp", PipelineContract.unique("wood.webp").bytes(),
                        List.of(), List.of()), Status.Code.UNAVAILABLE, "storage.unavailable");
            } finally {
                s3.createBucket(b -> b.bucket("grpc-originals"));
                s3.putObject(r -> r.bucket("grpc-originals").key(key),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(original));
            }
        }

        // then: back with the store
        assertThat(download(anonymous, kept.getImage().getId(), "").bytes()).isEqualTo(photo);
    }

    @Test
    void answersUnavailableDatabaseUnavailableWhileTheDatabaseIsDown() {
        // given
        UploadResponse kept = upload(imagesAsync, "wood.webp", PipelineContract.unique("wood.webp").bytes(), List.of(), List.of());

        // when
        DATABASE.down();
        try {
            // then
            assertRefused(() -> anonymous.listImages(ListImagesRequest.getDefaultInstance()),
                    Status.Code.UNAVAILABLE, "database.unavailable");
            assertRefused(() -> anonymous.getImage(GetImageRequest.newBuilder().setImageId(kept.getImage().getId()).build()),
                    Status.Code.UNAVAILABLE, "database.unavailable");
            assertRefused(() -> jobsApi.getJob(GetJobRequest.newBuilder().setJobId(kept.getJobs(0).getId()).build()),
                    Status.Code.UNAVAILABLE, "database.unavailable");
            assertRefused(() -> upload(imagesAsync, "mouse.jpg", PipelineContract.unique("mouse.jpg").bytes(),
                    List.of(), List.of()), Status.Code.UNAVAILABLE, "database.unavailable");
            // and REST says the same
            PixboxClient.Answer listed = new PixboxClient(httpPort).get("/api/v1/images");
            assertThat(listed.status()).as(listed.text()).isEqualTo(503);
            assertThat(listed.json().get("code").asString()).isEqualTo("database.unavailable");
        } finally {
            DATABASE.up();
        }

        // then: back with the database, once the pool has replaced its cut connections
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(anonymous
                .getImage(GetImageRequest.newBuilder().setImageId(kept.getImage().getId()).build()).getId())
                .isEqualTo(kept.getImage().getId()));
    }

    private static void removeBucket(S3Client s3, String bucket) {
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
                .forEach(object -> s3.deleteObject(r -> r.bucket(bucket).key(object.key())));
        s3.deleteBucket(r -> r.bucket(bucket));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            connection.createStatement().execute(sql);
        }
    }

    private static TcpRelay relay() {
        try {
            return new TcpRelay(5432);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
