package io.pixbox.server.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ queues of the job queue, all durable quorum queues reached through the default exchange: the jobs
 * queue workers consume; one delay queue per back-off of the retry policy, whose messages expire after that delay
 * into the jobs queue; and the dead letters.
 */
final class RabbitTopology {

    private final String jobs;
    private final String deadLetters;
    /** The retry policy's back-offs, shortest first: one delay queue each. */
    private final TreeSet<Duration> delays = new TreeSet<>();

    RabbitTopology(QueueProperties.Rabbitmq settings, RetryPolicy retry) {
        this.jobs = settings.queue();
        this.deadLetters = settings.deadLetters();
        // At least one, for a message that arrives before its job's back-off ends (see delayQueue).
        IntStream.rangeClosed(1, Math.max(1, retry.maxAttempts() - 1)).mapToObj(retry::delayAfter).forEach(delays::add);
    }

    String jobs() {
        return jobs;
    }

    String deadLetters() {
        return deadLetters;
    }

    /**
     * The delay queue whose messages come back to the jobs queue no sooner than {@code wait}: the shortest delay
     * that long, else the longest there is. Back-offs of the retry policy have a queue of exactly their length.
     */
    String delayQueue(Duration wait) {
        Duration delay = delays.ceiling(wait);
        return delayQueueName(delay != null ? delay : delays.last());
    }

    /** Every queue's name, the jobs queue first. */
    List<String> names() {
        return queues().stream().map(Queue::getName).toList();
    }

    /** Declares the queues; one that exists already with the same arguments is left as it is. */
    void declare(ConnectionFactory connections) {
        RabbitAdmin admin = new RabbitAdmin(connections);
        queues().forEach(admin::declareQueue);
    }

    private List<Queue> queues() {
        List<Queue> queues = new ArrayList<>();
        queues.add(QueueBuilder.durable(jobs).quorum().build());
        for (Duration delay : delays) {
            queues.add(QueueBuilder.durable(delayQueueName(delay)).quorum()
                    .ttl(Math.toIntExact(delay.toMillis()))
                    .deadLetterExchange("").deadLetterRoutingKey(jobs)
                    // Quorum queues otherwise drop a message whose dead-lettering fails; at-least-once requires
                    // reject-publish, which only matters for a queue with a length limit, and these have none.
                    .withArgument("x-dead-letter-strategy", "at-least-once")
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .build());
        }
        queues.add(QueueBuilder.durable(deadLetters).quorum().build());
        return queues;
    }

    private String delayQueueName(Duration delay) {
        return jobs + ".delay." + delay.toMillis() + "ms";
    }
}
