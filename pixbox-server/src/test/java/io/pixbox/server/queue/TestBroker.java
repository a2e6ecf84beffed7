package io.pixbox.server.queue;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The machine's RabbitMQ for one test: queue names no other test uses, RabbitMQ job queues on them, and a look at
 * what the queues hold. Closing it deletes every queue that was declared on it.
 */
final class TestBroker implements AutoCloseable {

    /**
     * The contract holds hundreds of claims open at once, more than a worker ever does: a prefetch that lets every
     * message of those tests reach the claimers. Tests of the prefetch itself give their own.
     */
    static final int CONTRACT_PREFETCH = 400;

    private final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
    private final RabbitAdmin admin = new RabbitAdmin(connections);
    private final RabbitTemplate template = new RabbitTemplate(connections);
    private final QueueProperties.Rabbitmq settings = new QueueProperties.Rabbitmq(
            "pixbox.test." + UUID.randomUUID().toString().substring(0, 8), "", Duration.ofMillis(200));
    private final Set<String> declared = new LinkedHashSet<>();

    QueueProperties.Rabbitmq settings() {
        return settings;
    }

    /** A RabbitMQ job queue on the test's queues, closed with {@code database}. */
    RabbitJobQueue queue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease, int prefetch) {
        declared.addAll(new RabbitTopology(settings, retry).names());
        return database.closeLater(new RabbitJobQueue(database.dataSource(), database.transactionManager(), clock,
                retry, lease, connections, settings, prefetch));
    }

    /** Waits until {@code jobs} deliveries wait for a claim on {@code queue}, as {@link JobQueueContract} asks. */
    static void awaitClaimable(JobQueue queue, int jobs) throws InterruptedException {
        RabbitJobQueue rabbit = (RabbitJobQueue) queue;
        await(() -> rabbit.waitingDeliveries() >= jobs, "%d job(s) delivered".formatted(jobs));
    }

    /** Declares a queue of the test's own, deleted at close. */
    String declare(Queue queue) {
        declared.add(queue.getName());
        return admin.declareQueue(queue);
    }

    void delete(String queue) {
        admin.deleteQueue(queue);
    }

    /** How many messages wait in {@code queue} for a consumer; those delivered and not acknowledged do not count. */
    long ready(String queue) {
        QueueInformation information = admin.getQueueInfo(queue);
        assertThat(information).as("queue %s", queue).isNotNull();
        return information.getMessageCount();
    }

    /** Removes every message waiting in {@code queue}, as {@code rabbitmqctl purge_queue} does. */
    void purge(String queue) {
        admin.purgeQueue(queue, false);
    }

    boolean exists(String queue) {
        return admin.getQueueInfo(queue) != null;
    }

    /** Takes the next message from {@code queue}, waiting up to {@code wait}; null if none came. */
    Message receive(String queue, Duration wait) {
        return template.receive(queue, wait.toMillis());
    }

    void publish(String queue, byte[] body) {
        template.send("", queue, new Message(body, new MessageProperties()));
    }

    /** Waits up to 30 s, more than any delay of the tests, for {@code condition}. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        declared.forEach(admin::deleteQueue);
        connections.destroy();
    }
}
