package io.pixbox.server.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * Publishes messages to queues through the default exchange on a channel of its own in confirm mode, and tells
 * which of them the broker took: confirmed, and routed to an existing queue.
 *
 * <p>It uses Spring Boot's publisher connection, apart from the consumers', so that the broker blocking publishers
 * (a memory or disk alarm) never holds back the acknowledgements that would relieve it.
 */
final class RabbitPublisher implements AutoCloseable {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionFactory connections;
    private Channel channel; // guarded by this
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> unroutable = ConcurrentHashMap.newKeySet();

    RabbitPublisher(ConnectionFactory connections) {
        this.connections = connections.getPublisherConnectionFactory() != null
                ? connections.getPublisherConnectionFactory() : connections;
    }

    /**
     * Publishes the messages, mandatory, waits for the broker's confirms and answers the positions of those it took.
     *
     * @throws AmqpException when the broker cannot be reached or does not confirm in time; then none counts as taken
     */
    synchronized BitSet publish(List<Message> messages) {
        if (messages.isEmpty()) {
            return new BitSet();
        }
        try {
            Channel channel = channel();
            refused.clear();
            unroutable.clear();
            long[] sequence = new long[messages.size()];
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                sequence[i] = channel.getNextPublishSeqNo();
                unconfirmed.add(sequence[i]);
                channel.basicPublish("", message.queue(), true, message.properties(), message.body());
            }
            channel.waitForConfirms(CONFIRM_TIMEOUT.toMillis());
            BitSet taken = new BitSet(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                // The broker returns a message no queue takes before it confirms it.
                taken.set(i, !refused.contains(sequence[i]) && !unroutable.contains(messages.get(i).queue()));
            }
            return taken;
        } catch (IOException | TimeoutException | RuntimeException e) {
            discardChannel();
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        } catch (InterruptedException e) {
            discardChannel();
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException("interrupted while waiting for RabbitMQ's confirms", e);
        }
    }

    /** Publishes one message; answers whether the broker took it. */
    boolean publish(Message message) {
        return publish(List.of(message)).get(0);
    }

    @Override
    public synchronized void close() {
        discardChannel();
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel opened = connections.createConnection().getDelegate().createChannel();
            if (opened == null) {
                throw new IOException("RabbitMQ has no channel left on this connection");
            }
            opened.confirmSelect();
            opened.addConfirmListener((tag, multiple) -> confirmed(tag, multiple, false),
                    (tag, multiple) -> confirmed(tag, multiple, true));
            opened.addReturnListener(returned -> unroutable.add(returned.getRoutingKey()));
            unconfirmed.clear();
            channel = opened;
        }
        return channel;
    }

    /** Called by the connection's thread for each confirm, which may cover every earlier message too. */
    private void confirmed(long tag, boolean multiple, boolean nack) {
        Set<Long> covered = multiple ? unconfirmed.headSet(tag, true) : Set.of(tag);
        if (nack) {
            refused.addAll(covered);
        }
        if (multiple) {
            covered.clear(); // a view: clears those of unconfirmed
        } else {
            unconfirmed.remove(tag);
        }
    }

    private void discardChannel() {
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException e) {
                // Already gone, which is all that was wanted.
            }
            channel = null;
        }
    }

    /** A message for {@code queue}. */
    record Message(String queue, byte[] body, AMQP.BasicProperties properties) {

        /** The message an outbox row stands for: the job's id, persistent, with the reason when it is a dead letter. */
        static Message of(Outbox.Message row) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("text/plain").deliveryMode(2)
                    .headers(row.reason() == null ? null : Map.of(OutboxRelay.REASON, row.reason()))
                    .build();
            return new Message(row.queue(), row.job().toString().getBytes(StandardCharsets.UTF_8), properties);
        }
    }
}
