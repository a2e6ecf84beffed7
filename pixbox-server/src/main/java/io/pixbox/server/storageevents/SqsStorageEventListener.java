package io.pixbox.server.storageevents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Consumes S3 event notifications from an SQS queue on a thread of its own: long polls for up to ten messages at a
 * time, hands their events on, and deletes in one batch the messages that were handled. A message whose handling
 * failed stays, to come back when its visibility timeout ends (and to the queue's dead-letter queue, when it has a
 * redrive policy, after its last receive); a message that is not a notification is dropped with a warning.
 */
final class SqsStorageEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsStorageEventListener.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration waitTime;
    private final Consumer<StorageEvent> handler;
    private volatile boolean running;
    private Thread thread;

    SqsStorageEventListener(SqsClient sqs, String queueUrl, Duration waitTime, Consumer<StorageEvent> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.waitTime = waitTime;
        this.handler = handler;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("pixbox-storage-events").daemon().start(this::poll);
        log.info("Taking storage events from the SQS queue {}", queueUrl);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                        .maxNumberOfMessages(10).waitTimeSeconds((int) waitTime.toSeconds())).messages();
                List<DeleteMessageBatchRequestEntry> handled = new ArrayList<>();
                for (Message message : messages) {
                    if (handle(message)) {
                        handled.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(handled.size()))
                                .receiptHandle(message.receiptHandle()).build());
                    }
                }
                if (!handled.isEmpty()) {
                    sqs.deleteMessageBatch(delete -> delete.queueUrl(queueUrl).entries(handled));
                }
            } catch (AbortedException e) {
                // interrupted by stop()
            } catch (SdkException e) {
                if (running) {
                    log.warn("Cannot receive storage events from {}, trying again in {}s: {}", queueUrl,
                            PAUSE_AFTER_FAILURE.toSeconds(), e.getMessage());
                    pause();
                }
            }
        }
    }

    private boolean handle(Message message) {
        List<StorageEvent> events;
        try {
            events = StorageNotifications.parse(message.body());
        } catch (UnreadableEventException e) {
            log.warn("Dropping SQS message {}: not a storage event notification ({})", message.messageId(), e.getMessage());
            return true;
        }
        try {
            events.forEach(handler);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not act on SQS message {}; it comes back after its visibility timeout: {}",
                    message.messageId(), e.toString());
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
