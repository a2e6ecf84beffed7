package io.pixbox.server.queue;

import io.pixbox.server.AwsAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How processing jobs are queued, leased and retried ({@code pixbox.queue}).
 *
 * @param type          what delivers jobs: database (the jobs table in the application's database), rabbitmq or sqs
 *                      (the jobs table keeps the records, RabbitMQ or Amazon SQS delivers them)
 * @param lease         how long a claimed job stays its worker's without a heartbeat
 * @param maxAttempts   how many attempts a job gets before it is dead
 * @param retry         the back-off between attempts
 * @param pollInterval  how long a waiting worker goes without looking at the table when no notification arrives
 * @param reapInterval  how often the scheduler returns jobs with an expired lease to the queue and, with a broker,
 *                      looks for lost messages
 * @param republishAfter rabbitmq and sqs only: how long a job must have been ready, and not sent again, before the
 *                      scheduler sends its message again when the broker holds fewer messages than there are ready
 *                      jobs; well above the time a message takes to reach the jobs queue
 * @param rabbitmq      the rabbitmq type's queues and outbox relay
 * @param sqs           the sqs type's service, queues and outbox relay
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
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration republishAfter,
        @DefaultValue @Valid @NotNull Rabbitmq rabbitmq,
        @DefaultValue @Valid @NotNull Sqs sqs) {

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

    /**
     * The Amazon SQS queues (or an SQS-compatible service's, such as ElasticMQ) and how jobs use them.
     *
     * @param endpoint            URL of an SQS-compatible service, such as http://localhost:9324; empty for AWS SQS
     *                            in the region
     * @param region              region requests are signed for
     * @param queueName           the standard queue workers receive from
     * @param deadLetterQueueName the queue of jobs past their last attempt, of messages that are not a job id, and of
     *                            messages SQS moves after max-receive-count receives; empty means the queue's name
     *                            followed by {@code -dead}
     * @param accessKey           access key id; give it with secret-key, or neither to use the AWS SDK's default
     *                            credentials chain (environment, profile, container or instance role)
     * @param secretKey           secret access key
     * @param waitTime            the longest one receive waits for a message (long polling), 1s to 20s; a claim that
     *                            waits longer receives again
     * @param visibilityTimeout   how long a received message stays hidden from other workers; every heartbeat of its
     *                            job hides it that long again, so it must be longer than a third of pixbox.queue.lease,
     *                            the worker's heartbeat period
     * @param maxReceiveCount     how many times SQS delivers one message that is never settled (workers that die before
     *                            they can claim its job) before its redrive policy moves it to the dead letters; set on
     *                            the jobs queue when Pixbox creates it
     * @param createQueues        create missing queues at start-up; when false a missing queue stops start-up
     * @param outboxPollInterval  how often the relay sends messages written by other processes or left by a crash;
     *                            this process's own commits wake it at once
     */
    public record Sqs(
            URI endpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("pixbox-jobs") @NotNull @Pattern(regexp = SQS_QUEUE_NAME, message = SQS_QUEUE_RULE)
            String queueName,
            @DefaultValue("") @NotNull @Pattern(regexp = "|" + SQS_QUEUE_NAME, message = SQS_QUEUE_RULE)
            String deadLetterQueueName,
            String accessKey,
            String secretKey,
            @DefaultValue("20s") @NotNull @DurationMin(seconds = 1) @DurationMax(seconds = 20) Duration waitTime,
            @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 12) Duration visibilityTimeout,
            @DefaultValue("10") @Positive int maxReceiveCount,
            @DefaultValue("true") boolean createQueues,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration outboxPollInterval) {

        /** Letters, digits, {@code -} and {@code _}, as SQS allows for a standard queue; 75 leave room for -dead. */
        static final String SQS_QUEUE_NAME = "[A-Za-z0-9_-]{1,75}";
        static final String SQS_QUEUE_RULE = "must be 1 to 75 letters, digits, - and _";

        public Sqs {
            endpoint = AwsAccess.endpoint(endpoint, "http://localhost:9324");
            accessKey = AwsAccess.key(accessKey);
            secretKey = AwsAccess.key(secretKey);
            AwsAccess.requirePair(accessKey, secretKey);
        }

        /** The dead-letter queue's name. */
        public String deadLetters() {
            return deadLetterQueueName.isEmpty() ? queueName + "-dead" : deadLetterQueueName;
        }

        @Override
        public String toString() {
            // Records print every component; a secret must not reach a log this way.
            return "Sqs[endpoint=" + endpoint + ", region=" + region + ", queueName=" + queueName
                    + ", deadLetterQueueName=" + deadLetterQueueName + ", accessKey=" + accessKey + ", secretKey="
                    + (secretKey == null ? null : "******") + ", waitTime=" + waitTime + ", visibilityTimeout="
                    + visibilityTimeout + ", maxReceiveCount=" + maxReceiveCount + ", createQueues=" + createQueues
                    + ", outboxPollInterval=" + outboxPollInterval + "]";
        }
    }
}
