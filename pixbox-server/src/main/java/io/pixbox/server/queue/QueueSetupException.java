package io.pixbox.server.queue;

import java.util.Locale;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.core.NestedExceptionUtils;

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

    /** A queue type this version names but does not have. */
    static QueueSetupException unavailable(QueueProperties.Type type) {
        return new QueueSetupException("pixbox.queue.type " + type.name().toLowerCase(Locale.ROOT)
                + " is not available yet: only the database and rabbitmq queues exist in this version.",
                "Set pixbox.queue.type (environment: PIXBOX_QUEUE_TYPE) to database or rabbitmq, or leave it unset.",
                null);
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
}
