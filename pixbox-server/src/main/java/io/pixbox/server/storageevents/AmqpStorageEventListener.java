package io.pixbox.server.storageevents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Acts on MinIO's bucket notifications taken from a RabbitMQ queue. A message that is handled is acknowledged; one
 * that is not a notification is rejected without requeueing (to the queue's dead-letter exchange, if it has one);
 * one whose handling failed goes back to the queue after a pause, for another try.
 */
final class AmqpStorageEventListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(AmqpStorageEventListener.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Consumer<StorageEvent> handler;

    AmqpStorageEventListener(Consumer<StorageEvent> handler) {
        this.handler = handler;
    }

    @Override
    public void onMessage(Message message) {
        List<StorageEvent> events;
        try {
            events = StorageNotifications.parse(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (UnreadableEventException e) {
            log.warn("Dropping an AMQP message: not a storage event notification ({})", e.getMessage());
            throw new AmqpRejectAndDontRequeueException("not a storage event notification: " + e.getMessage(), e);
        }
        try {
            events.forEach(handler);
        } catch (RuntimeException e) {
            log.warn("Could not act on a storage event; it goes back to the queue: {}", e.toString());
            try {
                Thread.sleep(PAUSE_AFTER_FAILURE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }
}
