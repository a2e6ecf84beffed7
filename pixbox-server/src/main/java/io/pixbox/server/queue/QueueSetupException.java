package io.pixbox.server.queue;

import java.time.Duration;
import java.util.List;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.core.NestedExceptionUtils;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Queue settings that cannot work, found at start-up: what is wrong, and what to change. */
class QueueSetupException extends RuntimeException {

    private final String action;

    private QueueSetupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What the operator should change, naming the setting and its environment variable. */
    String action() {
        return action;
    }

    /** RabbitMQ that could not be reached, or would not take the job queue's queues as they are declared. */
    static QueueSetupException rabbitUnavailable(ConnectionFactory connections, RabbitTopology topology,
                                                 AmqpException failure) {
        String broker = "RabbitMQ at " + connections.getHost() + ":" + connections.getPort() + " (virtual host "
                + connections.getVirtualHost() + ", user " + connections.getUsername() + ")";
        String reason = NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
        if (failure instanceof AmqpConnectException || failure instanceof AmqpAuthenticationException) {
            return new QueueSetupException("Cannot connect to " + broker + " for the job queue: " + reason,
                    "Start RabbitMQ there, or point Pixbox at yours with spring.rabbitmq.host, port, username, password "
                            + "and virtual-host (environment: SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT, "
                            + "SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD, SPRING_RABBITMQ_VIRTUAL_HOST); "
                            + "or use the database queue with PIXBOX_QUEUE_TYPE=database.",
                    failure);
        }
        return new QueueSetupException("Cannot declare the job queue's queues " + topology.names() + " on " + broker
                + ": " + reason,
                "A queue of one of these names may exist with other arguments (each must be a durable quorum queue): "
                        + "delete it, or choose other names with pixbox.queue.rabbitmq.queue and "
                        + "pixbox.queue.rabbitmq.dead-letter-queue (environment: PIXBOX_QUEUE_RABBITMQ_QUEUE, "
                        + "PIXBOX_QUEUE_RABBITMQ_DEADLETTERQUEUE).",
                failure);
    }

    /** SQS that could not be reached: no answer at the endpoint, or no credentials to sign with. */
    static QueueSetupException sqsUnreachable(String service, SdkClientException failure) {
        return new QueueSetupException("Cannot reach SQS at " + service + " for the job queue: " + failure.getMessage(),
                "Start the SQS service there, or point Pixbox at yours with pixbox.queue.sqs.endpoint and region "
                        + "(environment: PIXBOX_QUEUE_SQS_ENDPOINT, PIXBOX_QUEUE_SQS_REGION), with credentials in "
                        + "PIXBOX_QUEUE_SQS_ACCESS_KEY and PIXBOX_QUEUE_SQS_SECRET_KEY or the AWS SDK's default chain; "
                        + "or use the database queue with PIXBOX_QUEUE_TYPE=database.",
                failure);
    }

    /** SQS that answered with an error: credentials refused, or a queue it would not create. */
    static QueueSetupException sqsRefused(String service, List<String> queues, AwsServiceException failure) {
        return new QueueSetupException("SQS at " + service + " refused the job queue's queues " + queues + ": "
                + failure.getMessage(),
                "Check the credentials (PIXBOX_QUEUE_SQS_ACCESS_KEY, PIXBOX_QUEUE_SQS_SECRET_KEY, or the AWS SDK's "
                        + "default chain) and that they may get, and create, these queues in pixbox.queue.sqs.region "
                        + "(PIXBOX_QUEUE_SQS_REGION); or choose other names with PIXBOX_QUEUE_SQS_QUEUE_NAME and "
                        + "PIXBOX_QUEUE_SQS_DEAD_LETTER_QUEUE_NAME.",
                failure);
    }

    /** A queue that does not exist, where Pixbox may not create queues. */
    static QueueSetupException sqsQueueMissing(String service, String queue, AwsServiceException failure) {
        return new QueueSetupException("The SQS queue \"" + queue + "\" does not exist at " + service
                + ", and pixbox.queue.sqs.create-queues is false.",
                "Create the queue (and its dead-letter queue, with a redrive policy), name the existing ones with "
                        + "PIXBOX_QUEUE_SQS_QUEUE_NAME and PIXBOX_QUEUE_SQS_DEAD_LETTER_QUEUE_NAME, or let Pixbox "
                        + "create them with PIXBOX_QUEUE_SQS_CREATE_QUEUES=true.",
                failure);
    }

    /** A visibility timeout that would show a running job's message to other workers between two heartbeats. */
    static QueueSetupException sqsVisibilityTooShort(Duration visibilityTimeout, Duration lease) {
        return new QueueSetupException("pixbox.queue.sqs.visibility-timeout " + visibilityTimeout.toSeconds()
                + "s is not longer than a third of pixbox.queue.lease " + lease.toSeconds() + "s, how often a "
                + "worker renews its jobs: their messages would be shown to other workers while they run.",
                "Set PIXBOX_QUEUE_SQS_VISIBILITY_TIMEOUT above " + lease.dividedBy(3).toSeconds() + "s, or shorten "
                        + "PIXBOX_QUEUE_LEASE.",
                null);
    }
}
