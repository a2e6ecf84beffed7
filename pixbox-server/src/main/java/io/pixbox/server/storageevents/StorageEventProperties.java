package io.pixbox.server.storageevents;

import io.pixbox.server.AwsAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where storage events come from ({@code pixbox.storage-events}); the worker role consumes them.
 *
 * @param source none (the default: objects become images only by Pixbox's own uploads), sqs (S3 event notifications
 *               in AWS's format, from an SQS queue) or amqp (MinIO's bucket notifications, from a RabbitMQ queue
 *               reached with the spring.rabbitmq settings)
 * @param owner  username of the account that owns images made of objects that appear by other routes; default the
 *               first admin account
 * @param sqs    the sqs source's queue
 * @param amqp   the amqp source's queue
 */
@ConfigurationProperties("pixbox.storage-events")
@Validated
public record StorageEventProperties(
        @DefaultValue("none") @Pattern(regexp = "none|sqs|amqp", message = "must be none, sqs or amqp") String source,
        String owner,
        @DefaultValue @Valid @NotNull Sqs sqs,
        @DefaultValue @Valid @NotNull Amqp amqp) {

    /**
     * The SQS queue S3 sends its event notifications to.
     *
     * @param queueUrl  the queue's URL; or give queue-name to have it looked up
     * @param queueName the queue's name, looked up (and, with create-queue, created) at start-up
     * @param endpoint  URL of an SQS-compatible service such as ElasticMQ; empty for AWS SQS
     * @param region    region requests are signed for
     * @param accessKey access key id; give it with secret-key, or neither for the AWS SDK's default credentials chain
     * @param secretKey secret access key
     * @param waitTime  how long one receive waits for a message (long polling, at most 20s)
     * @param createQueue create the queue named by queue-name when it is missing, for local services
     */
    public record Sqs(URI queueUrl, String queueName, URI endpoint, @DefaultValue("us-east-1") @NotBlank String region,
                      String accessKey, String secretKey, @DefaultValue("20s") @NotNull Duration waitTime,
                      @DefaultValue("false") boolean createQueue) {

        public Sqs {
            queueUrl = AwsAccess.endpoint(queueUrl, "https://sqs.eu-west-1.amazonaws.com/123456789012/pixbox-events");
            endpoint = AwsAccess.endpoint(endpoint, "http://localhost:9324");
            queueName = queueName == null || queueName.isBlank() ? null : queueName;
            accessKey = AwsAccess.key(accessKey);
            secretKey = AwsAccess.key(secretKey);
            AwsAccess.requirePair(accessKey, secretKey);
            if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
                throw new IllegalArgumentException("wait-time must be from 0 to 20s, got " + waitTime);
            }
        }

        @Override
        public String toString() {
            return "Sqs[queueUrl=" + queueUrl + ", queueName=" + queueName + ", endpoint=" + endpoint + ", region="
                    + region + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "******")
                    + ", waitTime=" + waitTime + ", createQueue=" + createQueue + "]";
        }
    }

    /**
     * The RabbitMQ queue MinIO's AMQP target feeds.
     *
     * @param queue      the queue Pixbox consumes, declared durable at start-up
     * @param exchange   an exchange to bind the queue to, as MinIO's notify_amqp exchange setting names; empty to bind
     *                   nothing (MinIO then publishes to the queue through the default exchange with the queue's
     *                   name as its routing key)
     * @param routingKey the binding's routing key, MinIO's notify_amqp routing_key
     */
    public record Amqp(@DefaultValue("pixbox.storage-events") @NotBlank String queue, String exchange,
                       @DefaultValue("#") @NotBlank String routingKey) {
    }
}
