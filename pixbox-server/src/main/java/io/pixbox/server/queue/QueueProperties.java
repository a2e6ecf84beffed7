package io.pixbox.server.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How processing jobs are queued, leased and retried ({@code pixbox.queue}).
 *
 * @param type          what delivers jobs: database (the jobs table in the application's database), or rabbitmq
 *                      (the jobs table keeps the records, RabbitMQ delivers them); sqs is reserved and not available yet
 * @param lease         how long a claimed job stays its worker's without a heartbeat
 * @param maxAttempts   how many attempts a job gets before it is dead
 * @param retry         the back-off between attempts
 * @param pollInterval  how long a waiting worker goes without looking at the table when no notification arrives
 * @param reapInterval  how often the scheduler returns jobs with an expired lease to the queue
 * @param rabbitmq      the rabbitmq type's queues and outbox relay
 */
@ConfigurationProperties("pixbox.queue")
@Validated
public record QueueProperties(
        @DefaultValue("database") @NotNull Type type,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration lease,
        @DefaultValue("5") @Positive int maxAttempts,
        @DefaultValue @Valid @NotNull Retry retry,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 10) Duration reapInterval,
        @DefaultValue @Valid @NotNull Rabbitmq rabbitmq) {

    /** The retry policy these settings describe. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retry.initialDelay, retry.multiplier, retry.maxDelay);
    }

    /** What delivers jobs to workers. */
    public enum Type {
        DATABASE, RABBITMQ, SQS
    }

    /**
     * The exponential back-off after a transient failure.
     *
     * @param initialDelay the wait after the first failed attempt
     * @param multiplier   how much longer each further wait is than the one before, at least 1.0
     * @param maxDelay     the longest wait
     */
    public record Retry(
            @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration initialDelay,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration maxDelay) {
    }

    /**
     * The RabbitMQ queue's names and relay; the connection is Spring Boot's {@code spring.rabbitmq} settings.
     *
     * @param queue              the durable quorum queue workers consume; the delay queues of the retries are named
     *                           after it ({@code <queue>.delay.<millis>ms})
     * @param deadLetterQueue    the queue of jobs past their last attempt and of messages that are not a job id;
     *                           empty means the queue's name followed by {@code .dead}
     * @param outboxPollInterval how often the relay publishes messages written by other processes or left by a crash;
     *                           this process's own commits wake it at once
     */
    public record Rabbitmq(
            @DefaultValue("pixbox.jobs") @NotNull @Pattern(regexp = QUEUE_NAME) String queue,
            @DefaultValue("") @NotNull @Pattern(regexp = "|" + QUEUE_NAME) String deadLetterQueue,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration outboxPollInterval) {

        /** Letters, digits, {@code .}, {@code _}, {@code -} and {@code :}; RabbitMQ keeps names starting {@code amq.}. */
        static final String QUEUE_NAME = "(?!amq\\.)[A-Za-z0-9._:-]{1,200}";

        /** The dead-letter queue's name. */
        public String deadLetters() {
            return deadLetterQueue.isEmpty() ? queue + ".dead" : deadLetterQueue;
        }
    }
}
