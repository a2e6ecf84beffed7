package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.storage.S3ProxyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline on production backends: the machine's PostgreSQL (a schema of its own) and an S3 store (S3Proxy,
 * in process) with originals and variants in separate buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-pixels=2000000",
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2",
        "pixbox.storage.type=s3",
        "pixbox.storage.s3.region=us-east-1",
        "pixbox.storage.s3.path-style=true",
        "pixbox.storage.s3.create-buckets=true",
        "pixbox.storage.originals.bucket=pixbox-originals",
        "pixbox.storage.variants.bucket=pixbox-variants",
        // Quick retries, so that a job outlives an unavailable store or dies of it within seconds.
        "pixbox.queue.max-attempts=3",
        "pixbox.queue.retry.initial-delay=1s",
        "pixbox.queue.retry.multiplier=1.0"})
@DirtiesContext
class PostgresS3PipelineIntegrationTests extends PipelineContract {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "pixbox_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final S3ProxyServer S3 = new S3ProxyServer().start();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws SQLException {
        execute("CREATE SCHEMA " + SCHEMA);
        registry.add("spring.datasource.url", () -> POSTGRES + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("pixbox.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("pixbox.storage.s3.access-key", S3::accessKey);
        registry.add("pixbox.storage.s3.secret-key", S3::secretKey);
    }

    @AfterAll
    static void dropEverything() throws SQLException {
        S3.close();
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void keepsTheBytesInTheirBucketsAndTheRecordsInPostgres() {
        // given
        var uploaded = client.upload(unique("mouse.jpg"));
        client.awaitJobs(uploaded.json(), PATIENCE);
        String sha = uploaded.json().get("images").get(0).get("sha256").asString();

        // then
        try (S3Client s3 = S3ProxyServer.client(S3)) {
            assertThat(s3.listObjectsV2(r -> r.bucket("pixbox-originals")).contents())
                    .anySatisfy(object -> assertThat(object.key()).contains(sha));
            assertThat(s3.listObjectsV2(r -> r.bucket("pixbox-variants").prefix("variants/" + sha.substring(0, 2) + "/" + sha + "/"))
                    .contents()).hasSize(3);
        }
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo(SCHEMA);
    }

    @Test
    void retriesJobsWhileTheStoreIsUnavailableAndKillsThemAfterTheLastAttempt() {
        try (S3Client s3 = S3ProxyServer.client(S3)) {
            // given: the variants bucket is gone, so storing a variant fails as the store being unavailable
            removeBucket(s3, "pixbox-variants");

            // when: an image is processed until its jobs run out of attempts
            var doomed = client.upload(unique("goldfish.png")).json();
            List<JsonNode> dead = client.awaitJobs(doomed, PATIENCE);

            // then: each is dead after three attempts, with the reason
            assertThat(dead).hasSize(3).allSatisfy(job -> {
                assertThat(job.get("state").asString()).isEqualTo("dead");
                assertThat(job.get("attempts").asInt()).isEqualTo(3);
                assertThat(job.get("errorCode").asString()).isEqualTo("storage.unavailable");
                assertThat(job.get("error").asString()).contains("pixbox-variants");
            });

            // and when another image fails once, and the store comes back before its next attempt
            var survivor = client.upload(unique("mouse.jpg")).json();
            String first = survivor.get("images").get(0).get("jobs").get(0).get("url").asString();
            awaitFailedOnce(first);
            s3.createBucket(bucket -> bucket.bucket("pixbox-variants"));

            // then its jobs succeed on a later attempt, and the dead ones succeed when retried by hand
            assertThat(client.awaitJobs(survivor, PATIENCE)).allSatisfy(job ->
                    assertThat(job.get("state").asString()).isEqualTo("succeeded"));
            assertThat(client.awaitJob(first, PATIENCE).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            for (JsonNode job : dead) {
                String url = job.get("url").asString();
                assertThat(client.postJson(url + "/retry", "").status()).isEqualTo(200);
                assertThat(client.awaitJob(url, PATIENCE).get("state").asString()).isEqualTo("succeeded");
            }
        }
    }

    private void awaitFailedOnce(String job) {
        await("job " + job + " failed once for want of the store").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode now = client.get(job).json();
                    // Not a state to wait out: the job must be retried, never end, while the store is away.
                    assertThat(now.get("state").asString()).as(now.toString()).isIn("queued", "running");
                    return now.get("attempts").asInt() >= 1 && now.get("state").asString().equals("queued")
                            && "storage.unavailable".equals(now.get("errorCode").asString());
                });
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
}
