package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.pipeline.PixboxClient.Part;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline on the embedded defaults that {@code ./pixbox serve} uses: an H2 file database, files on disk and
 * the database queue, all under the data directory; plus what the API offers beyond the pipeline itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-pixels=2000000",
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2"})
class EmbeddedPipelineIntegrationTests extends PipelineContract {

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("pixbox.data-dir", () -> temp.resolve("data").toString());
    }

    @Test
    void keepsEverythingUnderTheDataDirectory() {
        assertThat(temp.resolve("data/db")).isDirectoryContaining("glob:**/pixbox.mv.db");
        assertThat(temp.resolve("data/objects")).isDirectory();
    }

    @Test
    void answersAnUnchangedDownloadWithNotModified() {
        // given
        Answer uploaded = client.upload(unique("mouse.jpg"));
        String original = uploaded.json().get("images").get(0).get("originalUrl").asString();
        String etag = client.get(original).headers().getETag();

        // when
        Answer again = client.get(original, Map.of("If-None-Match", etag));

        // then
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void pagesThroughImagesNewestFirstWithoutDuplicatesOrGaps() {
        // given
        List<String> uploadedIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploadedIds.add(client.upload(unique("wood.webp")).json().get("images").get(0).get("id").asString());
        }

        // when: pages of two, with another upload arriving between pages
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean arrived = false;
        do {
            JsonNode page = client.get("/api/v1/images?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            if (!arrived) {
                client.upload(unique("wood.webp"));
                arrived = true;
            }
        } while (cursor != null);

        // then: the five, newest first, once each; the late arrival sorts before the first page and is not repeated
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsSubsequence(uploadedIds.reversed());
    }

    @Test
    void refusesACursorItDidNotGiveOutAndAnOversizedPage() {
        assertProblem(client.get("/api/v1/images?cursor=bm9wZQ"), 400, "request.invalid");
        assertProblem(client.get("/api/v1/images?limit=1000"), 400, "request.invalid");
    }

    @Test
    void findsImagesByTheirOriginalFileName() {
        // given
        Part photo = unique("goldfish.png");
        String id = client.upload(new Part("holiday-2026-0042.png", photo.bytes())).json()
                .get("images").get(0).get("id").asString();

        // when
        JsonNode found = client.get("/api/v1/images?name=holiday-2026-0042.png").json();

        // then
        assertThat(found.get("items")).extracting(item -> item.get("id").asString()).containsExactly(id);
        assertThat(client.get("/api/v1/images?name=no-such-name.png").json().get("items")).isEmpty();
    }

    @Test
    void refusesAMalformedRecipeWithItsReason() {
        Answer answer = client.upload(List.of(Part.of(photo("mouse.jpg"))), List.of("fit:0:400"), List.of());

        assertProblem(answer, 400, "recipe.invalid");
        assertThat(answer.json().get("detail").asString()).isEqualTo("fit: width must be 1..16384, got 0");
    }

    @Test
    void refusesAnUnknownPresetNamingTheKnownOnes() {
        Answer answer = client.upload(List.of(Part.of(photo("mouse.jpg"))), List.of(), List.of("huge"));

        assertProblem(answer, 400, "recipe.invalid");
        assertThat(answer.json().get("detail").asString()).contains("huge").contains("thumb, medium, compressed");
    }

    @Test
    void refusesAnUploadWithoutAFile() {
        Answer answer = client.upload(List.of(), List.of("fit:10:10"), List.of());

        assertProblem(answer, 400, "upload.no_file");
    }

    @Test
    void answersUnknownIdsWithNotFound() {
        String nobody = "00000000-0000-0000-0000-000000000000";
        assertProblem(client.get("/api/v1/images/" + nobody), 404, "image.not_found");
        assertProblem(client.get("/api/v1/images/" + nobody + "/variants"), 404, "image.not_found");
        assertProblem(client.get("/api/v1/jobs/" + nobody), 404, "job.not_found");
        assertProblem(client.delete("/api/v1/images/" + nobody), 404, "image.not_found");
        assertProblem(client.get("/api/v1/images/not-a-uuid"), 400, "request.invalid");
        assertProblem(client.get("/api/v1/nothing-here"), 404, "request.not_found");
    }

    @Test
    void followsAJobToItsEndAsServerSentEvents() throws IOException, InterruptedException {
        // given
        String job = client.upload(unique("mouse.jpg")).json().get("images").get(0).get("jobs").get(0).get("url").asString();

        // when: the stream ends by itself once the job is done
        HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + job + "/events")).header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + client.token()).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(events.body()).contains("event:job").contains("\"state\":\"succeeded\"");
        assertThat(events.body().lastIndexOf("\"state\":\"succeeded\"")).isGreaterThan(events.body().lastIndexOf("\"state\":\"queued\""));
    }

    @Test
    void retriesAFailedJobOnRequestAndRefusesToRetryASucceededOne() {
        // given
        Answer uploaded = client.upload(unique("mouse.jpg"));
        String image = uploaded.json().get("images").get(0).get("url").asString();
        String failed = client.postJson(image + "/jobs", "{\"recipe\":\"crop:0:0:5000:10\"}").json().get("url").asString();
        client.awaitJob(failed, PATIENCE);
        String succeeded = uploaded.json().get("images").get(0).get("jobs").get(0).get("url").asString();
        client.awaitJob(succeeded, PATIENCE);

        // when, then
        Answer retried = client.postJson(failed + "/retry", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().get("attempts").asInt()).isZero();
        assertThat(client.awaitJob(failed, PATIENCE).get("state").asString()).isEqualTo("failed");
        assertProblem(client.postJson(succeeded + "/retry", ""), 409, "job.not_retryable");
    }

    @Test
    void exportsThePipelineMetricsForPrometheus() {
        // given
        client.awaitJobs(client.upload(unique("goldfish.png")).json(), PATIENCE);

        // when
        String metrics = client.get("/actuator/prometheus").text();

        // then
        assertThat(metrics).contains("pixbox_uploads_total{", "pixbox_jobs{", "state=\"succeeded\"",
                "pixbox_queue_depth", "pixbox_processing_seconds_count{", "operations=\"fit\"", "pixbox_storage_bytes_total{");
    }

    @Test
    void reportsLivenessAndReadiness() {
        assertThat(client.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(client.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        JsonNode health = client.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("rabbit")).as("RabbitMQ, which this queue does not use").isFalse();
    }

    @Test
    void publishesAnOpenApiDocumentWithEveryStatusTheEndpointsReturn() {
        // when
        JsonNode api = client.get("/v3/api-docs").json();

        // then
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        JsonNode upload = api.get("paths").get("/api/v1/images").get("post").get("responses");
        Set<String> statuses = new HashSet<>();
        upload.propertyNames().forEach(statuses::add);
        assertThat(statuses).contains("202", "400", "413", "415", "422", "503");
        assertThat(api.get("paths").get("/api/v1/images/{id}").get("delete").get("responses").has("404")).isTrue();
        assertThat(api.get("paths").get("/api/v1/jobs/{id}/events").get("get").get("responses").has("200")).isTrue();
        assertThat(client.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(api.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(api.get("paths").get("/api/v1/images").get("post").get("responses").has("401")).isTrue();
        assertThat(api.get("paths").get("/api/v1/images/{id}").get("delete").get("responses").has("403")).isTrue();
        assertThat(api.get("paths").get("/api/v1/auth/login").get("post").get("security")).isEmpty();
    }
}
