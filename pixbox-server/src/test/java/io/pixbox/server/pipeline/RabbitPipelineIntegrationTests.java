package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline with RabbitMQ delivering the jobs: the machine's PostgreSQL (a schema of its own), files on disk, and
 * the machine's RabbitMQ on queues of the test's own, deleted afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-pixels=2000000",
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2",
        "pixbox.queue.type=rabbitmq",
        "spring.rabbitmq.host=127.0.0.1",
        // One back-off of 1s, so one delay queue.
        "pixbox.queue.max-attempts=3",
        "pixbox.queue.retry.initial-delay=1s",
        "pixbox.queue.retry.multiplier=1.0"})
@DirtiesContext
class RabbitPipelineIntegrationTests extends PipelineContract {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "pixbox_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String JOBS = "pixbox.test.e2e-" + UUID.randomUUID().toString().substring(0, 8);
    /** Every queue the settings above make, as {@link #declaresItsQueuesAndReportsRabbitMqsHealth} checks. */
    private static final List<String> QUEUES = List.of(JOBS, JOBS + ".delay.1000ms", JOBS + ".dead");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws SQLException {
        execute("CREATE SCHEMA " + SCHEMA);
        registry.add("spring.datasource.url", () -> POSTGRES + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("pixbox.queue.rabbitmq.queue", () -> JOBS);
    }

    @AfterAll
    static void dropEverything() throws SQLException {
        onBroker(admin -> QUEUES.forEach(admin::deleteQueue));
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void declaresItsQueuesAndReportsRabbitMqsHealth() {
        // when
        JsonNode health = client.get("/actuator/health").json();

        // then
        onBroker(admin -> assertThat(QUEUES).allSatisfy(queue ->
                assertThat(admin.getQueueInfo(queue)).as(queue).isNotNull()));
        assertThat(health.get("components").get("rabbit").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void leavesNothingInTheOutboxOrTheQueueOnceTheJobsAreDone() {
        // given
        JsonNode uploaded = client.upload(unique("mouse.jpg"), unique("goldfish.png")).json();

        // when
        List<JsonNode> jobs = client.awaitJobs(uploaded, PATIENCE);

        // then
        assertThat(jobs).hasSize(6).allSatisfy(job -> assertThat(job.get("state").asString()).isEqualTo("succeeded"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).isZero();
        onBroker(admin -> assertThat(admin.getQueueInfo(JOBS)).extracting(QueueInformation::getMessageCount)
                .isEqualTo(0L));
    }

    private static void onBroker(Consumer<RabbitAdmin> work) {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            work.accept(new RabbitAdmin(connections));
        } finally {
            connections.destroy();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            connection.createStatement().execute(sql);
        }
    }
}
