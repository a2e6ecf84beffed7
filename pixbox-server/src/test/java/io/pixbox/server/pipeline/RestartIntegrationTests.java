package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.PixboxServer;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Stopping the service with jobs queued or running loses none of them: started again, it finishes every one. */
class RestartIntegrationTests {

    private static final int IMAGES = 8;

    @TempDir
    Path temp;

    @Test
    void finishesEveryJobAfterBeingStoppedWithJobsQueuedAndRunning() {
        // given: uploads taken in by an API-only process, so every job is still queued when it stops
        List<String> imageUrls = new ArrayList<>();
        String token;
        try (ConfigurableApplicationContext api = start("api")) {
            PixboxClient client = new PixboxClient(port(api)).signedUp();
            token = client.token();
            for (int i = 0; i < IMAGES; i++) {
                Answer uploaded = client.upload(PipelineContract.unique(i % 2 == 0 ? "mouse.jpg" : "goldfish.png"));
                assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
                imageUrls.add(uploaded.json().get("images").get(0).get("url").asString());
            }
            assertThat(counts(api).get(JobState.QUEUED)).isEqualTo(3L * IMAGES);
        }

        // when: a full process starts on the same data, and is stopped as soon as it has finished one job
        try (ConfigurableApplicationContext first = start("api,worker,scheduler")) {
            awaitCounts(first, counts -> counts.get(JobState.SUCCEEDED) >= 1);
        }
        Map<JobState, Long> afterStop = countsAt(temp);

        // then: what was running went back to the queue, and nothing was lost or failed
        assertThat(afterStop.get(JobState.RUNNING)).isZero();
        assertThat(afterStop.get(JobState.QUEUED)).isPositive();
        assertThat(afterStop.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L * IMAGES);

        // and when it starts again, every job finishes and every image has its three variants
        try (ConfigurableApplicationContext second = start("api,worker,scheduler")) {
            awaitCounts(second, counts -> counts.get(JobState.SUCCEEDED) == 3L * IMAGES);
            // the same account: its access token is signed with the key kept in the data directory
            PixboxClient client = new PixboxClient(port(second)).withToken(token);
            for (String url : imageUrls) {
                JsonNode image = client.get(url).json();
                assertThat(image.get("variants")).hasSize(3);
                assertThat(image.get("jobs")).allSatisfy(job -> assertThat(job.get("state").asString()).isEqualTo("succeeded"));
            }
        }
    }

    private ConfigurableApplicationContext start(String roles) {
        return new SpringApplicationBuilder(PixboxServer.class).run(
                "--server.port=0",
                "--pixbox.data-dir=" + temp.resolve("data"),
                "--pixbox.roles=" + roles,
                "--pixbox.processing.concurrency=1",
                // Stopping does not wait: whatever is running is given back to the queue at once.
                "--pixbox.processing.shutdown-grace=0s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static Map<JobState, Long> counts(ConfigurableApplicationContext context) {
        return context.getBean(JobQueue.class).countByState();
    }

    /** The job counts read from the database files directly, with no service running. */
    private static Map<JobState, Long> countsAt(Path temp) {
        String url = "jdbc:h2:file:" + temp.resolve("data/db/pixbox") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "sa", ""));
        Map<JobState, Long> counts = new java.util.EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, jdbc.sql("SELECT COUNT(*) FROM jobs WHERE state = ?").param(state.text()).query(Long.class).single());
        }
        return counts;
    }

    private static void awaitCounts(ConfigurableApplicationContext context, Predicate<Map<JobState, Long>> done) {
        await("the jobs' counts").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(counts(context)).as("jobs by state").matches(done));
    }

}
