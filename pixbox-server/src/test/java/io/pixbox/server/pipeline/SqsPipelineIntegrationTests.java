package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.queue.ElasticMqServer;
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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline with SQS delivering the jobs: the machine's PostgreSQL (a schema of its own), files on disk, and
 * ElasticMQ in the test's process on queues of the test's own, deleted afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-pixels=2000000",
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2",
        "pixbox.queue.type=sqs",
        "pixbox.queue.max-attempts=3",
        "pixbox.queue.retry.initial-delay=1s",
        "pixbox.queue.retry.multiplier=1.0"})
@DirtiesContext
class SqsPipelineIntegrationTests extends PipelineContract {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "pixbox_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String JOBS = "pixbox-test-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> QUEUES = List.of(JOBS, JOBS + "-dead");
    private static final ElasticMqServer SQS = ElasticMqServer.shared();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws SQLException {
        execute("CREATE SCHEMA " + SCHEMA);
        registry.add("spring.datasource.url", () -> POSTGRES + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("pixbox.queue.sqs.endpoint", () -> SQS.endpoint().toString());
        registry.add("pixbox.queue.sqs.queue-name", () -> JOBS);
        registry.add("pixbox.queue.sqs.access-key", () -> ElasticMqServer.ACCESS_KEY);
        registry.add("pixbox.queue.sqs.secret-key", () -> ElasticMqServer.SECRET_KEY);
    }

    @AfterAll
    static void dropEverything() throws SQLException {
        QUEUES.forEach(SQS::deleteQueue);
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void createsItsQueuesTheJobsQueueRedrivingToTheDeadLetters() {
        // when: the server has started
        String redrive = SQS.client().getQueueAttributes(request -> request.queueUrl(SQS.queueUrl(JOBS))
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);

        // then
        assertThat(redrive).contains(JOBS + "-dead");
        assertThat(SQS.queueUrl(JOBS + "-dead")).isNotBlank();
    }

    @Test
    void leavesNothingInTheOutboxOrTheQueueOnceTheJobsAreDone() {
        // given
        JsonNode uploaded = client.upload(unique("mouse.jpg"), unique("goldfish.png")).json();

        // when
        List<JsonNode> jobs = client.awaitJobs(uploaded, PATIENCE);

        // then: each message is deleted just after its job is recorded as succeeded
        assertThat(jobs).hasSize(6).allSatisfy(job -> assertThat(job.get("state").asString()).isEqualTo("succeeded"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).isZero();
        await("the jobs queue emptied").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> SQS.visible(JOBS) + SQS.inFlight(JOBS) + SQS.delayed(JOBS) == 0);
        assertThat(SQS.visible(JOBS + "-dead")).isZero();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            connection.createStatement().execute(sql);
        }
    }
}
