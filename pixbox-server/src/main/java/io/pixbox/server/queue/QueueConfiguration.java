package io.pixbox.server.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.pixbox.server.AwsAccess;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The job queue chosen by {@code pixbox.queue.type}, its retry policy, and on schedulers the lease reaper and, for
 * a broker, the look for lost messages.
 */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    private static final Duration SQS_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Between two packets: longer than the longest long poll, 20s. */
    private static final Duration SQS_READ_TIMEOUT = Duration.ofSeconds(40);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetryPolicy retryPolicy(QueueProperties queue) {
        return queue.retryPolicy();
    }

    /**
     * The queue of the configured type. RabbitMQ's connection is Spring Boot's, and its prefetch the worker's
     * capacity: a worker holds no more jobs than it can run, and the rest stay free for other workers. SQS sends no
     * more than a claim asks for, which is what the worker can run.
     */
    @Bean
    @DependsOnDatabaseInitialization
    JobQueue jobQueue(QueueProperties queue, DataSource dataSource, PlatformTransactionManager transactionManager,
                      Clock clock, RetryPolicy retryPolicy, ObjectProvider<ConnectionFactory> rabbit,
                      ObjectProvider<WorkerCapacity> worker) {
        return switch (queue.type()) {
            case DATABASE -> new DatabaseJobQueue(dataSource, transactionManager, clock, retryPolicy, queue.lease(),
                    queue.pollInterval());
            case RABBITMQ -> new RabbitJobQueue(dataSource, transactionManager, clock, retryPolicy, queue.lease(),
                    rabbit.getObject(), queue.rabbitmq(), worker.getObject().jobs());
            case SQS -> sqsQueue(queue, dataSource, transactionManager, clock, retryPolicy);
        };
    }

    /** RabbitMQ's health, where it delivers the jobs; application.properties turns Boot's own off elsewhere. */
    @Bean
    @Conditional(QueueTypeCondition.Rabbit.class)
    RabbitHealthIndicator rabbitHealthIndicator(RabbitTemplate rabbitTemplate) {
        return new RabbitHealthIndicator(rabbitTemplate);
    }

    /** SQS's health, where it delivers the jobs: DOWN when the jobs queue does not answer within 5 s. */
    @Bean
    @ConditionalOnProperty(name = "pixbox.queue.type", havingValue = "sqs")
    HealthIndicator sqsHealthIndicator(JobQueue jobQueue) {
        SqsJobQueue sqs = (SqsJobQueue) jobQueue;
        return () -> {
            try {
                return Health.up().withDetail("queue", sqs.jobsQueueUrl())
                        .withDetails(sqs.queueAttributes(Duration.ofSeconds(5))).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("queue", sqs.jobsQueueUrl()).withDetail("reason", e.toString()).build();
            }
        };
    }

    @Bean
    @ConditionalOnRole(Role.SCHEDULER)
    LeaseReaper leaseReaper(JobQueue jobQueue, QueueProperties queue) {
        return new LeaseReaper(jobQueue, queue.reapInterval());
    }

    /** Sends the messages a broker lost again; the database queue has none to lose, its rows are its messages. */
    @Bean
    @ConditionalOnRole(Role.SCHEDULER)
    @Conditional(QueueTypeCondition.Broker.class)
    LostMessages lostMessages(JobQueue jobQueue, QueueProperties queue, MeterRegistry metrics) {
        return new LostMessages((RelayedJobQueue<?>) jobQueue, queue.republishAfter(), queue.reapInterval(), metrics);
    }

    /** The SQS queue on a client of its own, which it closes; a queue that cannot start closes it here. */
    private static SqsJobQueue sqsQueue(QueueProperties queue, DataSource dataSource,
                                        PlatformTransactionManager transactionManager, Clock clock, RetryPolicy retry) {
        SqsAsyncClient client = sqsClient(queue.sqs()).build();
        try {
            return new SqsJobQueue(dataSource, transactionManager, clock, retry, queue.lease(), client, queue.sqs());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** An SQS client for the settings, to build. */
    static SqsAsyncClientBuilder sqsClient(QueueProperties.Sqs sqs) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .region(Region.of(sqs.region()))
                .credentialsProvider(AwsAccess.credentials(sqs.accessKey(), sqs.secretKey()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(SQS_CONNECT_TIMEOUT)
                        .readTimeout(SQS_READ_TIMEOUT))
                // Three attempts with exponential back-off, for throttling, 5xx answers and I/O errors.
                .overrideConfiguration(client -> client.retryStrategy(RetryMode.STANDARD));
        if (sqs.endpoint() != null) {
            builder.endpointOverride(sqs.endpoint());
        }
        return builder;
    }
}
