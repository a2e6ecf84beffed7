package io.pixbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * An api-only process and a worker-only process on one database and one store, in this JVM: the api takes the
 * uploads and runs no job; the worker runs them all and serves nothing but the actuator's health and metrics.
 */
class RolesIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path data = temporaryDirectory();
    // One in-memory H2 database for both processes: both live in this JVM.
    private final String database = "jdbc:h2:mem:roles_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private ConfigurableApplicationContext api;
    private ConfigurableApplicationContext worker;

    @AfterEach
    void stop() throws IOException {
        if (worker != null) {
            worker.close();
        }
        if (api != null) {
            api.close();
        }
        FileSystemUtils.deleteRecursively(data);
    }

    @Test
    void anApiOnlyProcessRunsNoJobAndAWorkerOnlyProcessServesOnlyHealthAndMetrics() {
        // given: uploads taken in by an api-only process
        api = start("api");
        PixboxClient client = new PixboxClient(port(api)).signedUp();
        Answer uploaded = client.upload(PipelineContract.unique("mouse.jpg"), PipelineContract.unique("goldfish.png"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        assertThat(api.containsBean("worker")).as("a worker in the api-only process").isFalse();

        // when: a worker-only process starts on the same database and store
        worker = start("worker");

        // then: it runs every job, and the api ran none of them
        assertThat(client.awaitJobs(uploaded.json(), PATIENCE)).hasSize(6).allSatisfy(job ->
                assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded"));
        PixboxClient workerHttp = new PixboxClient(port(worker));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(processed(workerHttp.get("/actuator/prometheus").text())).isEqualTo(6));
        assertThat(processed(client.get("/actuator/prometheus").text())).isZero();

        // and the worker has no API, pages or API documentation, even for a signed-in caller
        PixboxClient signedInAtWorker = workerHttp.withToken(client.token());
        for (String path : new String[] {"/api/v1/images", "/api/v1/jobs/" + UUID.randomUUID(), "/api/v1/feed", "/",
                "/v3/api-docs", "/swagger-ui.html"}) {
            assertThat(signedInAtWorker.get(path).status()).as("GET %s at the worker", path).isEqualTo(404);
        }
        Answer upload = signedInAtWorker.upload(PipelineContract.unique("mouse.jpg"));
        assertThat(upload.status()).as(upload.text()).isEqualTo(404);
        Answer login = workerHttp.postJson("/api/v1/auth/login", "{\"username\":\"a\",\"password\":\"b\"}");
        assertThat(login.status()).as(login.text()).isEqualTo(404);

        // but its health tells whether it reaches the database (the queue) and the store, and it is ready
        Answer health = workerHttp.get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("storage").get("status").asString()).isEqualTo("UP");
        assertThat(workerHttp.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(workerHttp.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(workerHttp.get("/actuator/prometheus").text()).contains("pixbox_jobs{").contains("pixbox_queue_depth");

        // while the api still serves its API and pages
        assertThat(client.get("/api/v1/images").status()).isEqualTo(200);
        assertThat(client.get("/").status()).isEqualTo(200);
        assertThat(client.get("/v3/api-docs").status()).isEqualTo(200);
    }

    /** The jobs this process ran to the end, from its {@code pixbox.processing} timer: 0 when it has none. */
    private static long processed(String prometheus) {
        Matcher counts = Pattern.compile("(?m)^pixbox_processing_seconds_count\\{[^}]*outcome=\"succeeded\"[^}]*} (\\S+)$")
                .matcher(prometheus);
        long total = 0;
        while (counts.find()) {
            total += (long) Double.parseDouble(counts.group(1));
        }
        return total;
    }

    private ConfigurableApplicationContext start(String roles) {
        return new SpringApplicationBuilder(PixboxServer.class).run(
                "--server.port=0",
                "--pixbox.data-dir=" + data,
                "--spring.datasource.url=" + database,
                "--pixbox.roles=" + roles,
                "--pixbox.processing.concurrency=2",
                "--pixbox.processing.claim-wait=500ms",
                "--pixbox.queue.poll-interval=200ms",
                "--pixbox.processing.shutdown-grace=0s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pixbox-roles-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
