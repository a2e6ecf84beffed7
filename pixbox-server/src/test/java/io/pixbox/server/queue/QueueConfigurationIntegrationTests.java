package io.pixbox.server.queue;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueueConfigurationIntegrationTests {

    private final ApplicationContextRunner withoutQueue = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    private final ApplicationContextRunner context = withoutQueue.withUserConfiguration(Queue.class);
    private final String rabbitQueue = "pixbox.test." + UUID.randomUUID().toString().substring(0, 8);
    private final String sqsQueue = "pixbox-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final ApplicationContextRunner sqs = context.withPropertyValues("pixbox.queue.type=sqs",
            "pixbox.queue.sqs.endpoint=" + ElasticMqServer.shared().endpoint(),
            "pixbox.queue.sqs.queue-name=" + sqsQueue,
            "pixbox.queue.sqs.access-key=" + ElasticMqServer.ACCESS_KEY,
            "pixbox.queue.sqs.secret-key=" + ElasticMqServer.SECRET_KEY);
    private final ApplicationContextRunner rabbit = context
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
            .withUserConfiguration(Processing.class)
            .withPropertyValues("pixbox.queue.type=rabbitmq", "pixbox.queue.rabbitmq.queue=" + rabbitQueue,
                    "spring.rabbitmq.host=127.0.0.1");

    @Test
    void buildsTheDatabaseQueueWithTheDefaultSettings() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(JobQueue.class)).isInstanceOf(DatabaseJobQueue.class);
            assertThat(app.getBean(QueueProperties.class)).satisfies(queue -> {
                assertThat(queue.type()).isEqualTo(QueueProperties.Type.DATABASE);
                assertThat(queue.lease()).isEqualTo(Duration.ofSeconds(60));
                assertThat(queue.pollInterval()).isEqualTo(Duration.ofSeconds(5));
                assertThat(queue.reapInterval()).isEqualTo(Duration.ofSeconds(15));
                assertThat(queue.rabbitmq().queue()).isEqualTo("pixbox.jobs");
                assertThat(queue.rabbitmq().deadLetters()).isEqualTo("pixbox.jobs.dead");
                assertThat(queue.rabbitmq().outboxPollInterval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(queue.sqs()).isEqualTo(new QueueProperties.Sqs(null, "us-east-1", "pixbox-jobs", "", null,
                        null, Duration.ofSeconds(20), Duration.ofSeconds(30), 10, true, Duration.ofSeconds(1)));
                assertThat(queue.sqs().deadLetters()).isEqualTo("pixbox-jobs-dead");
            });
            assertThat(app.getBean(RetryPolicy.class))
                    .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5)));
            assertThat(app.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
            assertThat(app).hasSingleBean(LeaseReaper.class);
            assertThat(app).as("the rows are the messages: none to lose").doesNotHaveBean(LostMessages.class);
            assertThat(app.getBean(QueueProperties.class).republishAfter()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void takesTheSettingsFromProperties() {
        context.withPropertyValues("pixbox.queue.lease=2m", "pixbox.queue.max-attempts=8",
                "pixbox.queue.retry.initial-delay=500ms", "pixbox.queue.retry.multiplier=3",
                "pixbox.queue.retry.max-delay=1h", "pixbox.queue.poll-interval=1s", "pixbox.queue.reap-interval=30s",
                "pixbox.queue.rabbitmq.queue=acme.jobs", "pixbox.queue.rabbitmq.dead-letter-queue=acme.failures",
                "pixbox.queue.rabbitmq.outbox-poll-interval=250ms")
                .run(app -> {
                    assertThat(app.getBean(QueueProperties.class)).satisfies(queue -> {
                        assertThat(queue.lease()).isEqualTo(Duration.ofMinutes(2));
                        assertThat(queue.pollInterval()).isEqualTo(Duration.ofSeconds(1));
                        assertThat(queue.reapInterval()).isEqualTo(Duration.ofSeconds(30));
                        assertThat(queue.rabbitmq().queue()).isEqualTo("acme.jobs");
                        assertThat(queue.rabbitmq().deadLetters()).isEqualTo("acme.failures");
                        assertThat(queue.rabbitmq().outboxPollInterval()).isEqualTo(Duration.ofMillis(250));
                    });
                    assertThat(app.getBean(RetryPolicy.class))
                            .isEqualTo(new RetryPolicy(8, Duration.ofMillis(500), 3.0, Duration.ofHours(1)));
                });
    }

    @Test
    void buildsTheRabbitQueueOnBootsConnectionWithItsQueuesAndAPrefetchOfTheWorkersConcurrency() {
        rabbit.run(app -> {
            RabbitAdmin admin = new RabbitAdmin(app.getBean(ConnectionFactory.class));
            List<String> queues = new RabbitTopology(app.getBean(QueueProperties.class).rabbitmq(),
                    app.getBean(RetryPolicy.class)).names();
            try {
                // then: the queues are there, 2s to 16s apart for the default five attempts
                assertThat(app).hasNotFailed();
                assertThat(app.getBean(JobQueue.class)).isInstanceOf(RabbitJobQueue.class);
                assertThat(app).hasSingleBean(RabbitHealthIndicator.class);
                assertThat(queues).containsExactly(rabbitQueue, rabbitQueue + ".delay.2000ms",
                        rabbitQueue + ".delay.4000ms", rabbitQueue + ".delay.8000ms", rabbitQueue + ".delay.16000ms",
                        rabbitQueue + ".dead");
                assertThat(queues).allSatisfy(queue -> assertThat(admin.getQueueInfo(queue)).as(queue).isNotNull());

                // and when three jobs are queued, a worker of two threads holds two of them
                JobQueue queue = app.getBean(JobQueue.class);
                queue.enqueue(List.of(JobQueueContract.newJob(), JobQueueContract.newJob(), JobQueueContract.newJob()));
                int claimed = 0;
                for (List<Job> batch; !(batch = queue.claim("worker-1", 3, Duration.ofSeconds(1))).isEmpty(); ) {
                    claimed += batch.size();
                }
                assertThat(claimed).isEqualTo(2);
            } finally {
                queues.forEach(admin::deleteQueue);
            }
        });
    }

    @Test
    void failsStartUpNamingTheBrokerAndTheSettingsWhenRabbitMqCannotBeReached() {
        rabbit.withPropertyValues("spring.rabbitmq.port=1").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Cannot connect to RabbitMQ at 127.0.0.1:1 (virtual host /, "
                    + "user guest) for the job queue: Connection refused");
            assertThat(analysis.getAction()).contains("SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_PORT",
                    "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD", "SPRING_RABBITMQ_VIRTUAL_HOST",
                    "PIXBOX_QUEUE_TYPE=database");
        });
    }

    @Test
    void failsStartUpNamingTheQueuesWhenOneExistsWithOtherArguments() {
        // given: a classic queue of the jobs queue's name
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        RabbitAdmin admin = new RabbitAdmin(connections);
        admin.declareQueue(QueueBuilder.durable(rabbitQueue).classic().build());
        try {
            rabbit.run(app -> {
                assertThat(app).hasFailed();
                FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
                assertThat(analysis.getDescription()).startsWith("Cannot declare the job queue's queues [" + rabbitQueue)
                        .contains("inequivalent arg 'x-queue-type'");
                assertThat(analysis.getAction()).contains("PIXBOX_QUEUE_RABBITMQ_QUEUE");
            });
        } finally {
            admin.deleteQueue(rabbitQueue);
            connections.destroy();
        }
    }

    @Test
    void buildsTheSqsQueueCreatingItsQueuesTheJobsQueueWithARedrivePolicyToTheDeadLetters() {
        ElasticMqServer server = ElasticMqServer.shared();
        sqs.run(app -> {
            try {
                // then
                assertThat(app).hasNotFailed();
                assertThat(app.getBean(JobQueue.class)).isInstanceOf(SqsJobQueue.class);
                assertThat(app).doesNotHaveBean(RabbitHealthIndicator.class);
                Map<QueueAttributeName, String> jobs = server.client().getQueueAttributes(request -> request
                        .queueUrl(server.queueUrl(sqsQueue)).attributeNames(QueueAttributeName.ALL)).attributes();
                String deadArn = server.client().getQueueAttributes(request -> request
                        .queueUrl(server.queueUrl(sqsQueue + "-dead")).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                assertThat(jobs.get(QueueAttributeName.REDRIVE_POLICY)).contains("\"deadLetterTargetArn\":\"" + deadArn + "\"")
                        .containsPattern("\"maxReceiveCount\":\"?10\"?");
                assertThat(jobs).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");

                // and a job goes through
                JobQueue queue = app.getBean(JobQueue.class);
                NewJob job = JobQueueContract.newJob();
                queue.enqueue(List.of(job));
                assertThat(queue.claim("worker-1", 3, Duration.ofSeconds(10))).extracting(Job::id)
                        .containsExactly(job.id());
            } finally {
                deleteSqsQueues(server);
            }
        });
    }

    @Test
    void takesTheSqsSettingsFromEnvironmentVariablesSpelledWithUnderscores() {
        withoutQueue.withUserConfiguration(QueueSettings.class)
                .withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                                "PIXBOX_QUEUE_TYPE", "sqs",
                                "PIXBOX_QUEUE_SQS_ENDPOINT", "http://elasticmq:9324",
                                "PIXBOX_QUEUE_SQS_REGION", "eu-west-1",
                                "PIXBOX_QUEUE_SQS_QUEUE_NAME", "acme-jobs",
                                "PIXBOX_QUEUE_SQS_DEAD_LETTER_QUEUE_NAME", "acme-failures",
                                "PIXBOX_QUEUE_SQS_ACCESS_KEY", "key-id",
                                "PIXBOX_QUEUE_SQS_SECRET_KEY", "secret",
                                "PIXBOX_QUEUE_SQS_WAIT_TIME", "5s",
                                "PIXBOX_QUEUE_SQS_VISIBILITY_TIMEOUT", "2m",
                                "PIXBOX_QUEUE_SQS_CREATE_QUEUES", "false"))))
                .run(app -> {
                    QueueProperties queue = app.getBean(QueueProperties.class);
                    assertThat(queue.type()).isEqualTo(QueueProperties.Type.SQS);
                    assertThat(queue.sqs()).isEqualTo(new QueueProperties.Sqs(URI.create("http://elasticmq:9324"),
                            "eu-west-1", "acme-jobs", "acme-failures", "key-id", "secret", Duration.ofSeconds(5),
                            Duration.ofMinutes(2), 10, false, Duration.ofSeconds(1)));
                    assertThat(queue.sqs().deadLetters()).isEqualTo("acme-failures");
                    assertThat(queue.sqs().toString()).doesNotContain("secret,").contains("secretKey=******");
                });
    }

    @Test
    void failsStartUpNamingTheServiceAndTheSettingsWhenSqsCannotBeReached() {
        sqs.withPropertyValues("pixbox.queue.sqs.endpoint=http://127.0.0.1:1").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription())
                    .startsWith("Cannot reach SQS at http://127.0.0.1:1 for the job queue: ")
                    .contains("Connection refused");
            assertThat(analysis.getAction()).contains("PIXBOX_QUEUE_SQS_ENDPOINT", "PIXBOX_QUEUE_SQS_REGION",
                    "PIXBOX_QUEUE_SQS_ACCESS_KEY", "PIXBOX_QUEUE_SQS_SECRET_KEY", "PIXBOX_QUEUE_TYPE=database");
        });
    }

    @Test
    void failsStartUpNamingTheQueueWhenItIsMissingAndMayNotBeCreated() {
        ElasticMqServer server = ElasticMqServer.shared();
        sqs.withPropertyValues("pixbox.queue.sqs.create-queues=false").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("The SQS queue \"" + sqsQueue + "-dead\" does not exist at "
                    + server.endpoint() + ", and pixbox.queue.sqs.create-queues is false.");
            assertThat(analysis.getAction()).contains("PIXBOX_QUEUE_SQS_QUEUE_NAME",
                    "PIXBOX_QUEUE_SQS_DEAD_LETTER_QUEUE_NAME", "PIXBOX_QUEUE_SQS_CREATE_QUEUES=true");
        });
    }

    @Test
    void failsStartUpWhenTheVisibilityTimeoutWouldEndBetweenTwoHeartbeats() {
        sqs.withPropertyValues("pixbox.queue.lease=60s", "pixbox.queue.sqs.visibility-timeout=20s").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("pixbox.queue.sqs.visibility-timeout 20s is not longer "
                    + "than a third of pixbox.queue.lease 60s");
            assertThat(analysis.getAction()).contains("PIXBOX_QUEUE_SQS_VISIBILITY_TIMEOUT above 20s");
        });
    }

    @Test
    void registersTheFailureAnalyzerBesideTheExistingOnes() throws IOException {
        List<String> analyzers = Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))
                .stream().map(QueueConfigurationIntegrationTests::failureAnalyzers).flatMap(List::stream).toList();
        assertThat(analyzers).contains(QueueFailureAnalyzer.class.getName(),
                "io.pixbox.server.imaging.ImagingFailureAnalyzer");
    }

    @Test
    void refusesAQueueTypeThatDoesNotExist() {
        context.withPropertyValues("pixbox.queue.type=kafka").run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("kafka"));
    }

    @ParameterizedTest
    @CsvSource({"lease=0s, lease", "max-attempts=0, maxAttempts", "retry.multiplier=0.5, retry.multiplier",
            "retry.initial-delay=0s, retry.initialDelay", "poll-interval=0s, pollInterval",
            "reap-interval=0s, reapInterval", "rabbitmq.queue=amq.jobs, rabbitmq.queue",
            "rabbitmq.dead-letter-queue=no spaces, rabbitmq.deadLetterQueue",
            "rabbitmq.outbox-poll-interval=0s, rabbitmq.outboxPollInterval",
            "sqs.queue-name=no.dots, sqs.queueName", "sqs.dead-letter-queue-name=no spaces, sqs.deadLetterQueueName",
            "sqs.wait-time=21s, sqs.waitTime", "sqs.wait-time=0s, sqs.waitTime",
            "sqs.visibility-timeout=0s, sqs.visibilityTimeout", "sqs.visibility-timeout=13h, sqs.visibilityTimeout",
            "sqs.max-receive-count=0, sqs.maxReceiveCount", "sqs.outbox-poll-interval=0s, sqs.outboxPollInterval"})
    void refusesSettingsThatCannotWork(String setting, String field) {
        context.withPropertyValues("pixbox.queue." + setting).run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("on field '" + field + "'"));
    }

    @Test
    void refusesAMaximumDelayShorterThanTheInitialDelay() {
        context.withPropertyValues("pixbox.queue.retry.max-delay=1s").run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessage("maxDelay must be at least initialDelay (PT2S), got PT1S"));
    }

    @Test
    void doesNotReapLeasesInAProcessWithoutTheSchedulerRole() {
        context.withPropertyValues("pixbox.roles=api,worker").run(app -> {
            assertThat(app).hasSingleBean(JobQueue.class);
            assertThat(app).doesNotHaveBean(LeaseReaper.class);
        });
    }

    @Test
    void theSchedulerReclaimsExpiredLeasesEveryReapInterval() {
        // The clock's configuration comes first: @ConditionalOnMissingBean sees only beans already defined.
        withoutQueue.withUserConfiguration(TestClock.class, Queue.class)
                .withPropertyValues("pixbox.queue.reap-interval=20ms")
                .run(app -> {
                    // given: a job whose worker stopped renewing its lease
                    assertThat(app.getBean(Clock.class)).isInstanceOf(MutableClock.class);
                    JobQueue queue = app.getBean(JobQueue.class);
                    NewJob job = JobQueueContract.newJob();
                    queue.enqueue(List.of(job));
                    queue.claim("worker-1", 1, Duration.ZERO);
                    app.getBean(MutableClock.class).advance(Duration.ofMinutes(2));

                    // then: without anybody asking, it is queued again
                    long deadline = System.nanoTime() + SECONDS.toNanos(10);
                    while (queue.find(job.id()).orElseThrow().state() != JobState.QUEUED) {
                        assertThat(System.nanoTime()).as("reclaimed in time").isLessThan(deadline);
                        Thread.sleep(10);
                    }
                });
    }

    @ParameterizedTest
    @CsvSource({"rabbitmq, scheduler, true", "rabbitmq, 'api,worker', false", "sqs, scheduler, true",
            "sqs, 'api,worker', false", "database, scheduler, false"})
    void looksForLostMessagesOnlyOnASchedulerOfABrokersQueue(String type, String roles, boolean looks) {
        ApplicationContextRunner runner = switch (type) {
            case "rabbitmq" -> rabbit;
            case "sqs" -> sqs;
            default -> context;
        };
        runner.withPropertyValues("pixbox.roles=" + roles).run(app -> {
            try {
                assertThat(app).hasNotFailed();
                assertThat(app.getBeansOfType(LostMessages.class)).hasSize(looks ? 1 : 0);
            } finally {
                if (type.equals("sqs")) {
                    deleteSqsQueues(ElasticMqServer.shared());
                } else if (type.equals("rabbitmq")) {
                    RabbitAdmin admin = new RabbitAdmin(app.getBean(ConnectionFactory.class));
                    new RabbitTopology(app.getBean(QueueProperties.class).rabbitmq(), app.getBean(RetryPolicy.class))
                            .names().forEach(admin::deleteQueue);
                }
            }
        });
    }

    @Test
    void theSchedulerSendsAMessagePurgedFromRabbitMqAgainAfterTheGraceAndCountsIt() {
        withoutQueue.withUserConfiguration(TestClock.class, Queue.class, Processing.class)
                .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
                .withPropertyValues("pixbox.queue.type=rabbitmq", "pixbox.queue.rabbitmq.queue=" + rabbitQueue,
                        "spring.rabbitmq.host=127.0.0.1", "pixbox.queue.reap-interval=20ms",
                        "pixbox.queue.republish-after=1m")
                .run(app -> {
                    RabbitAdmin admin = new RabbitAdmin(app.getBean(ConnectionFactory.class));
                    List<String> queues = new RabbitTopology(app.getBean(QueueProperties.class).rabbitmq(),
                            app.getBean(RetryPolicy.class)).names();
                    try {
                        // given: a job whose message was purged
                        RabbitJobQueue queue = (RabbitJobQueue) app.getBean(JobQueue.class);
                        NewJob job = JobQueueContract.newJob();
                        queue.enqueue(List.of(job));
                        await("the job's message").atMost(10, SECONDS).until(queue::waitingMessages, n -> n == 1);
                        admin.purgeQueue(rabbitQueue, false);
                        await("the purge").atMost(10, SECONDS).until(queue::waitingMessages, n -> n == 0);
                        Counter republished = app.getBean(MeterRegistry.class).get("pixbox.jobs.republished")
                                .counter();

                        // when: the grace passes
                        app.getBean(MutableClock.class).advance(Duration.ofMinutes(1).plusSeconds(1));

                        // then: without anybody asking, its message is sent again, once, and counted
                        await("the message sent again").atMost(10, SECONDS)
                                .until(queue::waitingMessages, n -> n == 1);
                        assertThat(republished.count()).isEqualTo(1.0);
                        List<Job> claimed = queue.claim("worker-1", 1, Duration.ofSeconds(10));
                        assertThat(claimed).extracting(Job::id).containsExactly(job.id());
                        assertThat(queue.succeeded(claimed.getFirst())).isTrue();
                        assertThat(republished.count()).isEqualTo(1.0);
                    } finally {
                        queues.forEach(admin::deleteQueue);
                    }
                });
    }

    private void deleteSqsQueues(ElasticMqServer server) {
        server.deleteQueue(sqsQueue);
        server.deleteQueue(sqsQueue + "-dead");
    }

    private static List<String> failureAnalyzers(URL factories) {
        try (InputStream in = factories.openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            String names = properties.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer", "");
            return List.of(names.split("\\s*,\\s*"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueueProperties.class)
    static class QueueSettings {
    }

    @Configuration(proxyBeanMethods = false)
    @Import({QueueSettings.class, QueueConfiguration.class})
    static class Queue {
    }

    /** What the worker role supplies: two jobs at once. */
    @Configuration(proxyBeanMethods = false)
    static class Processing {

        @Bean
        WorkerCapacity workerCapacity() {
            return new WorkerCapacity(2);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2030-01-01T08:00:00Z"));
        }
    }
}
