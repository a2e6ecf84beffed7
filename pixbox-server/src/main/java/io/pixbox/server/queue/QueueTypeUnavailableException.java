package io.pixbox.server.queue;

import java.util.Locale;

/** Thrown at start-up when {@code pixbox.queue.type} names a queue that this version does not have yet. */
class QueueTypeUnavailableException extends RuntimeException {

    QueueTypeUnavailableException(QueueProperties.Type type) {
        super("pixbox.queue.type " + type.name().toLowerCase(Locale.ROOT) + " is not available yet");
    }
}
