package io.pixbox.server.queue;

import com.rabbitmq.client.AMQP;
import io.pixbox.server.queue.JobDeliveries.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link JobQueue} on RabbitMQ: the jobs table keeps the records, and RabbitMQ delivers their ids, relayed from
 * the outbox with publisher confirms (see {@link RelayedJobQueue}). A retry waits out its back-off in the delay queue
 * of that length; a claim's delivery stays unacknowledged until the job is finished or given back.
 */
final class RabbitJobQueue extends RelayedJobQueue<Delivery> {

    private static final Logger log = LoggerFactory.getLogger(RabbitJobQueue.class);

    private final RabbitTopology topology;
    private final RabbitPublisher publisher;
    private final JobDeliveries deliveries;
    private final RabbitAdmin admin;

    /**
     * Declares the topology and starts the relay.
     *
     * @param prefetch how many jobs the broker sends this process before it acknowledges any: as many as it runs at once
     * @throws QueueSetupException when RabbitMQ cannot be reached or a queue exists with other arguments
     */
    RabbitJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock, RetryPolicy retry,
                   Duration lease, ConnectionFactory connections, QueueProperties.Rabbitmq settings, int prefetch) {
        super(dataSource, transactionManager, clock, retry, lease);
        this.topology = new RabbitTopology(settings, retry);
        declare(connections);
        this.publisher = new RabbitPublisher(connections);
        this.deliveries = new JobDeliveries(connections, topology.jobs(), prefetch);
        this.admin = new RabbitAdmin(connections);
        startRelay(rows -> publisher.publish(rows.stream().map(RabbitPublisher.Message::of).toList()), "RabbitMQ",
                settings.outboxPollInterval());
    }

    @Override
    public List<Job> claim(String worker, int max, Duration wait) throws InterruptedException {
        checkClaim(worker, max);
        deliveries.subscribe();
        long deadline = System.nanoTime() + wait.toNanos();
        Map<UUID, Delivery> claimed = new LinkedHashMap<>();
        Delivery taking = null;
        try {
            while (claimed.size() < max) {
                // Waits only until the first claim; then takes what has arrived already.
                Duration left = claimed.isEmpty() ? Duration.ofNanos(deadline - System.nanoTime()) : Duration.ZERO;
                taking = deliveries.next(left).orElse(null);
                if (taking == null) {
                    break;
                }
                Optional<UUID> job = take(taking, worker);
                if (job.isPresent()) {
                    claimed.put(job.get(), taking);
                }
                taking = null;
            }
            return hold(claimed);
        } catch (RuntimeException | InterruptedException e) {
            // The broker delivers these again; a job claimed meanwhile comes back once its lease is reclaimed.
            if (taking != null) {
                taking.requeue();
            }
            claimed.values().forEach(Delivery::requeue);
            throw e;
        }
    }

    /** Claims the delivery's job for {@code worker}, or settles a delivery that cannot be claimed. */
    private Optional<UUID> take(Delivery delivery, String worker) {
        Optional<UUID> id = delivery.job();
        if (id.isEmpty()) {
            log.warn("Moving a message that is not a job id to {}", topology.deadLetters());
            forward(delivery, topology.deadLetters(), NOT_A_JOB);
            return Optional.empty();
        }
        switch (take(id.get(), worker)) {
            case Take.Claimed claimed -> {
                return id;
            }
            case Take.Early early -> forward(delivery, topology.delayQueue(early.left()), null);
            case Take.Unneeded unneeded -> delivery.ack();
        }
        return Optional.empty();
    }

    /** Publishes a copy of the delivery to {@code queue}, with a reason if given, then removes the original. */
    private void forward(Delivery delivery, String queue, String reason) {
        Map<String, Object> headers = new HashMap<>(Objects.requireNonNullElse(delivery.properties().getHeaders(),
                Map.of()));
        if (reason != null) {
            headers.put(OutboxRelay.REASON, reason);
        }
        AMQP.BasicProperties properties = delivery.properties().builder().headers(headers).build();
        try {
            if (publisher.publish(new RabbitPublisher.Message(queue, delivery.body(), properties))) {
                delivery.ack();
                return;
            }
        } catch (AmqpException e) {
            log.warn("Cannot move a message to {}: {}", queue, e.getMessage());
        }
        delivery.requeue();
    }

    @Override
    String jobsQueue() {
        return topology.jobs();
    }

    @Override
    String deadLetters() {
        return topology.deadLetters();
    }

    @Override
    String retryQueue(Duration backOff) {
        return topology.delayQueue(backOff);
    }

    /** Acknowledges the delivery; on a channel that closed meanwhile the broker has it back and delivers it again. */
    @Override
    void settle(Delivery delivery) {
        delivery.ack();
    }

    /** The jobs queue's message count, which leaves out the messages delivered and not acknowledged. */
    @Override
    long waitingMessages() {
        QueueInformation information = admin.getQueueInfo(topology.jobs());
        if (information == null) {
            throw new IllegalStateException("RabbitMQ has no queue " + topology.jobs());
        }
        return information.getMessageCount();
    }

    /** How many deliveries wait for a claim, subscribing first; see {@link JobDeliveries#waiting()}. */
    int waitingDeliveries() {
        deliveries.subscribe();
        return deliveries.waiting();
    }

    /** Stops the relay and the consumer; the broker puts back the messages of claims not finished. */
    @Override
    public void close() throws InterruptedException {
        super.close();
        deliveries.close();
        publisher.close();
    }

    private void declare(ConnectionFactory connections) {
        try {
            topology.declare(connections);
        } catch (AmqpException e) {
            throw QueueSetupException.rabbitUnavailable(connections, topology, e);
        }
    }
}
