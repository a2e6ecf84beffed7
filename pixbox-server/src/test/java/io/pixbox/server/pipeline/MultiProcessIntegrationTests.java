package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.queue.TestDatabase;
import io.pixbox.server.storage.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Pixbox as it runs scaled out: one api process (with the scheduler) and two worker processes, each a JVM of its own,
 * on the machine's RabbitMQ (queues of the test's own, deleted afterwards), the machine's PostgreSQL (a schema of its
 * own, dropped afterwards) and S3Proxy in this JVM. Whatever happens to a worker or to the broker, every upload ends
 * with all its variants, each made once, and no job is lost or dead. The processes' logs are kept under
 * {@code target/multi-process/}.
 */
class MultiProcessIntegrationTests {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final String BUCKET = "pixbox-multi";
    private static final String[] PHOTOS = {"mouse.jpg", "goldfish.png", "wood.webp"};
    private static final int VARIANTS_PER_IMAGE = 3;

    private final String jobsQueue = "pixbox.test.multi-" + UUID.randomUUID().toString().substring(0, 8);
    /** The queues the settings below make: max-attempts 3 with one back-off of 1 s, so one delay queue. */
    private final List<String> queues = List.of(jobsQueue, jobsQueue + ".delay.1000ms", jobsQueue + ".dead");
    private final Path logs = Path.of(System.getProperty("basedir", "."), "target", "multi-process",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + jobsQueue);
    private final List<PixboxProcess> processes = new ArrayList<>();
    private final ExecutorService uploaders = Executors.newFixedThreadPool(4);

    private S3ProxyServer s3;
    private TestDatabase database;
    private JdbcClient jdbc;
    private PixboxProcess api;
    private PixboxClient client;

    @BeforeEach
    void startBackendsAndTheApi() {
        s3 = new S3ProxyServer().start();
        try (S3Client buckets = S3ProxyServer.client(s3)) {
            buckets.createBucket(bucket -> bucket.bucket(BUCKET));
        }
        database = TestDatabase.postgres();
        jdbc = JdbcClient.create(database.dataSource());
        api = start("api", "api,scheduler");
        client = api.client().signedUp();
    }

    @AfterEach
    void stopEverything() throws Exception {
        uploaders.shutdownNow();
        for (PixboxProcess process : processes) {
            process.close();
        }
        onBroker(admin -> queues.forEach(admin::deleteQueue));
        if (database != null) {
            database.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aWorkerKilledWithJobsInHandLosesNoneOfThemAndNoVariantIsMadeTwice() throws Exception {
        // given: two workers, and 200 uploads on their way
        PixboxProcess victim = start("worker-1", "worker");
        PixboxProcess survivor = start("worker-2", "worker");
        List<Future<Answer>> uploads = upload(200);

        // when: the first worker is killed while it runs jobs, with others done and more to come
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() ->
                runningUnder(victim).size() >= 2 && count("state = 'succeeded'") >= 60);
        victim.kill();
        List<UUID> inHand = runningUnder(victim);

        // then: every upload was taken, and every job ends succeeded
        assertThat(inHand).as("jobs the killed worker was running").isNotEmpty();
        List<String> imageIds = accepted(uploads);
        assertThat(imageIds).hasSize(200);
        awaitEveryJobSucceeded(imageIds.size());

        // the killed worker's jobs came back when their lease expired, and the other worker finished them
        for (UUID job : inHand) {
            Map<String, Object> row = jdbc.sql("SELECT state, worker, attempts FROM jobs WHERE id = ?").param(job)
                    .query().singleRow();
            assertThat(row.get("state")).as("job %s", job).isEqualTo("succeeded");
            assertThat((String) row.get("worker")).as("job %s", job).contains("-" + survivor.pid() + "-");
            assertThat((Integer) row.get("attempts")).as("job %s", job).isGreaterThanOrEqualTo(2);
        }
        assertEveryImageHasEachVariantOnce(imageIds);
        assertNothingLeftToSend();
    }

    @Test
    void theBrokerStoppedAndStartedWhileUploadsAndJobsRunLosesNothing() throws Exception {
        // given: two workers busy with the jobs of 60 uploads
        start("worker-1", "worker");
        start("worker-2", "worker");
        List<String> imageIds = new ArrayList<>(accepted(upload(60)));
        await().atMost(PATIENCE).until(() -> count("state = 'succeeded'") >= 30);

        try {
            // when: RabbitMQ stops while jobs are still to be done
            RabbitMqNode.stopApp();
            assertThat(count("state IN ('queued', 'running')")).as("unfinished jobs when the broker stopped")
                    .isPositive();

            // then: the processes see it gone, and uploads are still taken, their jobs waiting in the outbox
            await().atMost(Duration.ofMinutes(1)).until(() -> api.client().get("/actuator/health").status() == 503);
            imageIds.addAll(accepted(upload(30)));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).isPositive();
        } finally {
            RabbitMqNode.startApp();
        }

        // and once it is back, more uploads, and every job of every upload succeeds, each variant made once
        imageIds.addAll(accepted(upload(30)));
        awaitEveryJobSucceeded(imageIds.size());
        assertEveryImageHasEachVariantOnce(imageIds);
        assertNothingLeftToSend();
        assertThat(processes).allSatisfy(process ->
                assertThat(process.client().get("/actuator/health").json().get("components").get("rabbit")
                        .get("status").asString()).as("rabbit health of %s", process).isEqualTo("UP"));
    }

    /** Starts a process with these roles on the test's backends, each setting an environment variable. */
    private PixboxProcess start(String name, String roles) {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("PIXBOX_ROLES", roles),
                Map.entry("PIXBOX_DATA_DIR", logs.resolve(name + "-data").toString()),
                Map.entry("SPRING_DATASOURCE_URL", database.url()),
                Map.entry("SPRING_DATASOURCE_USERNAME", database.user()),
                Map.entry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5"),
                Map.entry("PIXBOX_STORAGE_TYPE", "s3"),
                Map.entry("PIXBOX_STORAGE_S3_ENDPOINT", s3.endpoint().toString()),
                Map.entry("PIXBOX_STORAGE_S3_REGION", "us-east-1"),
                Map.entry("PIXBOX_STORAGE_S3_BUCKET", BUCKET),
                Map.entry("PIXBOX_STORAGE_S3_ACCESSKEY", s3.accessKey()),
                Map.entry("PIXBOX_STORAGE_S3_SECRETKEY", s3.secretKey()),
                Map.entry("PIXBOX_STORAGE_S3_PATHSTYLE", "true"),
                Map.entry("PIXBOX_QUEUE_TYPE", "rabbitmq"),
                Map.entry("SPRING_RABBITMQ_HOST", "127.0.0.1"),
                Map.entry("SPRING_RABBITMQ_PORT", "5672"),
                Map.entry("SPRING_RABBITMQ_USERNAME", "guest"),
                Map.entry("SPRING_RABBITMQ_PASSWORD", "guest"),
                Map.entry("PIXBOX_QUEUE_RABBITMQ_QUEUE", jobsQueue),
                Map.entry("PIXBOX_QUEUE_MAXATTEMPTS", "3"),
                Map.entry("PIXBOX_QUEUE_RETRY_INITIALDELAY", "1s"),
                Map.entry("PIXBOX_QUEUE_RETRY_MULTIPLIER", "1.0"),
                // A dead worker's jobs come back within 10 s; heartbeats every 3 s keep a slow live one's.
                Map.entry("PIXBOX_QUEUE_LEASE", "10s"),
                Map.entry("PIXBOX_QUEUE_REAPINTERVAL", "1s"),
                Map.entry("PIXBOX_PROCESSING_CONCURRENCY", "2"),
                Map.entry("PIXBOX_IMAGING_LIMITS_MAXPIXELS", "2000000"));
        PixboxProcess process = PixboxProcess.start(name, logs, environment);
        processes.add(process);
        return process;
    }

    /** Uploads {@code count} photos, each with bytes of its own, four at a time, in the background. */
    private List<Future<Answer>> upload(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> uploaders.submit(() -> client.upload(PipelineContract.unique(PHOTOS[i % PHOTOS.length]))))
                .toList();
    }

    /** Waits for the uploads and answers the id of each one's image, asserting that every one was taken. */
    private static List<String> accepted(List<Future<Answer>> uploads) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Future<Answer> upload : uploads) {
            Answer answer = upload.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
            ids.add(answer.json().get("images").get(0).get("id").asString());
        }
        return ids;
    }

    private void awaitEveryJobSucceeded(int images) {
        long jobs = (long) images * VARIANTS_PER_IMAGE;
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(count("state IN ('failed', 'dead')")).as("failed or dead jobs: %s", states()).isZero();
            assertThat(count("state = 'succeeded'")).as("succeeded jobs: %s", states()).isEqualTo(jobs);
        });
        assertThat(count("TRUE")).as("jobs: %s", states()).isEqualTo(jobs);
    }

    private void assertEveryImageHasEachVariantOnce(List<String> imageIds) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM (SELECT image_id, recipe FROM variants GROUP BY image_id, recipe "
                + "HAVING COUNT(*) > 1) twice").query(Long.class).single()).as("variants recorded twice").isZero();
        Map<String, Long> perImage = jdbc.sql("SELECT image_id, COUNT(*) AS n FROM variants GROUP BY image_id")
                .query((row, n) -> Map.entry(row.getString("image_id"), row.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(perImage).hasSize(imageIds.size());
        assertThat(perImage.keySet()).containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(perImage.values()).allSatisfy(n -> assertThat(n).isEqualTo(VARIANTS_PER_IMAGE));
        // Spot checks over HTTP: the api lists each variant, and serves its bytes from the store.
        for (String id : imageIds.subList(0, 3)) {
            JsonNode variants = client.get("/api/v1/images/" + id + "/variants").json();
            assertThat(variants).hasSize(VARIANTS_PER_IMAGE);
            variants.forEach(variant -> assertThat(client.get(variant.get("url").asString()).status()).isEqualTo(200));
        }
        try (S3Client store = S3ProxyServer.client(s3)) {
            long objects = store.listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix("variants/")).contents()
                    .stream().count();
            assertThat(objects).as("variant objects").isEqualTo((long) imageIds.size() * VARIANTS_PER_IMAGE);
        }
    }

    /** The outbox drains and the broker holds no job message: none is waiting for a job that is done. */
    private void assertNothingLeftToSend() {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).as("outbox").isZero();
            onBroker(admin -> queues.forEach(queue -> assertThat(admin.getQueueInfo(queue))
                    .as(queue).extracting(QueueInformation::getMessageCount).isEqualTo(0L)));
        });
    }

    /** The jobs running under a claim of {@code process}, whose worker ids are {@code host-pid-random}. */
    private List<UUID> runningUnder(PixboxProcess process) {
        return jdbc.sql("SELECT id FROM jobs WHERE state = 'running' AND worker LIKE ?")
                .param("%-" + process.pid() + "-%").query(UUID.class).list();
    }

    private long count(String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE " + condition).query(Long.class).single();
    }

    private Map<String, Long> states() {
        return jdbc.sql("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
                .query((row, n) -> Map.entry(row.getString("state"), row.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void onBroker(java.util.function.Consumer<RabbitAdmin> work) {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            work.accept(new RabbitAdmin(connections));
        } finally {
            connections.destroy();
        }
    }

    /** The machine's RabbitMQ node, stopped and started with {@code rabbitmqctl} as the user the tests run as. */
    private static final class RabbitMqNode {

        static void stopApp() throws IOException, InterruptedException {
            rabbitmqctl("stop_app");
        }

        /** Starts the application and waits until it takes connections again. */
        static void startApp() throws IOException, InterruptedException {
            rabbitmqctl("start_app");
            rabbitmqctl("await_startup");
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(RabbitMqNode::takesConnections);
        }

        private static boolean takesConnections() {
            CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
            try {
                return connections.createConnection().isOpen();
            } finally {
                connections.destroy();
            }
        }

        private static void rabbitmqctl(String command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("rabbitmqctl %s finished", command).isTrue();
            assertThat(process.exitValue()).as("rabbitmqctl %s: %s", command, output).isZero();
        }
    }
}
