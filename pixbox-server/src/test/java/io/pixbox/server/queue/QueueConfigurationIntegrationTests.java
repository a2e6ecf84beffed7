package io.pixbox.server.queue;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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

class QueueConfigurationIntegrationTests {

    private final ApplicationContextRunner withoutQueue = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    private final ApplicationContextRunner context = withoutQueue.withUserConfiguration(Queue.class);

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
            });
            assertThat(app.getBean(RetryPolicy.class))
                    .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5)));
            assertThat(app.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
            assertThat(app).hasSingleBean(LeaseReaper.class);
        });
    }

    @Test
    void takesTheSettingsFromProperties() {
        context.withPropertyValues("pixbox.queue.lease=2m", "pixbox.queue.max-attempts=8",
                "pixbox.queue.retry.initial-delay=500ms", "pixbox.queue.retry.multiplier=3",
                "pixbox.queue.retry.max-delay=1h", "pixbox.queue.poll-interval=1s", "pixbox.queue.reap-interval=30s")
                .run(app -> {
                    assertThat(app.getBean(QueueProperties.class)).satisfies(queue -> {
                        assertThat(queue.lease()).isEqualTo(Duration.ofMinutes(2));
                        assertThat(queue.pollInterval()).isEqualTo(Duration.ofSeconds(1));
                        assertThat(queue.reapInterval()).isEqualTo(Duration.ofSeconds(30));
                    });
                    assertThat(app.getBean(RetryPolicy.class))
                            .isEqualTo(new RetryPolicy(8, Duration.ofMillis(500), 3.0, Duration.ofHours(1)));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"rabbitmq", "sqs"})
    void failsStartUpSayingThatAReservedQueueTypeIsNotAvailableYet(String type) {
        context.withPropertyValues("pixbox.queue.type=" + type).run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new QueueFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("pixbox.queue.type " + type
                    + " is not available yet: only the database queue exists in this version.");
            assertThat(analysis.getAction()).contains("PIXBOX_QUEUE_TYPE", "database");
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
            "reap-interval=0s, reapInterval"})
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
    @Import(QueueConfiguration.class)
    static class Queue {
    }

    @Configuration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2030-01-01T08:00:00Z"));
        }
    }
}
