package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The shared ElasticMQ server for one test: queue names no other test uses, SQS job queues on them, and a look at
 * what the queues hold. Closing it deletes the queues.
 */
final class TestSqs implements AutoCloseable {

    private final ElasticMqServer server = ElasticMqServer.shared();
    private final QueueProperties.Sqs settings;

    /** Queues with a visibility timeout of 30s, moved to the dead letters after 10 receives. */
    TestSqs() {
        this(Duration.ofSeconds(30), 10);
    }

    TestSqs(Duration visibilityTimeout, int maxReceiveCount) {
        settings = new QueueProperties.Sqs(server.endpoint(), ElasticMqServer.REGION,
                "pixbox-test-" + UUID.randomUUID().toString().substring(0, 8), "", ElasticMqServer.ACCESS_KEY,
                ElasticMqServer.SECRET_KEY, Duration.ofSeconds(20), visibilityTimeout, maxReceiveCount, true,
                Duration.ofMillis(200));
    }

    ElasticMqServer server() {
        return server;
    }

    QueueProperties.Sqs settings() {
        return settings;
    }

    String jobsQueue() {
        return settings.queueName();
    }

    String deadLetters() {
        return settings.deadLetters();
    }

    /** An SQS job queue on the test's queues, closed with {@code database}. */
    SqsJobQueue queue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease) {
        return queue(database, clock, retry, lease, UnaryOperator.identity());
    }

    /** The same, on a client {@code client} may add to, such as an interceptor that counts requests. */
    SqsJobQueue queue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease,
                      UnaryOperator<SqsAsyncClientBuilder> client) {
        return database.closeLater(new SqsJobQueue(database.dataSource(), database.transactionManager(), clock, retry,
                lease, client.apply(QueueConfiguration.sqsClient(settings)).build(), settings));
    }

    /** Waits until {@code jobs} messages can be received from the jobs queue, as {@link JobQueueContract} asks. */
    void awaitClaimable(int jobs) throws InterruptedException {
        TestBroker.await(() -> server.visible(jobsQueue()) >= jobs, "%d job message(s) in SQS".formatted(jobs));
    }

    /** Receives up to {@code max} messages of the jobs queue and deletes them, as a person may; answers how many. */
    int deleteReceived(int max) {
        var received = server.receive(jobsQueue(), Duration.ZERO, Duration.ofSeconds(30));
        var deleted = received.subList(0, Math.min(max, received.size()));
        String url = server.queueUrl(jobsQueue());
        deleted.forEach(message -> server.client().deleteMessage(request -> request.queueUrl(url)
                .receiptHandle(message.receiptHandle())));
        // The rest show again at once, as if never received.
        received.subList(deleted.size(), received.size()).forEach(message -> server.client().changeMessageVisibility(
                request -> request.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
        return deleted.size();
    }

    @Override
    public void close() {
        for (String queue : new String[] {settings.queueName(), settings.deadLetters()}) {
            try {
                server.deleteQueue(queue);
            } catch (QueueDoesNotExistException e) {
                // Never created: the test did not get that far.
            }
        }
    }
}
