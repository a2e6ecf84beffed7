package io.pixbox.server.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * The jobs queue's deliveries to this process: one consumer, on a channel of its own, with manual acknowledgement
 * and a prefetch, subscribed when the process first claims so that a process that never claims (an api-only one)
 * never holds messages back from the workers. Deliveries wait here, in the order they came, for a claim to take them.
 *
 * <p>A claim keeps its delivery unacknowledged for as long as the job runs, so the channel is used directly rather
 * than through a listener container: each delivery is acknowledged on the channel it came on, and one whose
 * channel closed is left alone, since the broker has put it back and delivers it again.
 */
final class JobDeliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobDeliveries.class);

    private final ConnectionFactory connections;
    private final String queue;
    private final int prefetch;
    private final BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
    private Receiver receiver; // guarded by this
    private boolean closed; // guarded by this

    JobDeliveries(ConnectionFactory connections, String queue, int prefetch) {
        this.connections = connections;
        this.queue = queue;
        this.prefetch = prefetch;
    }

    /** Starts consuming, or again after the channel closed or the broker cancelled the consumer. */
    synchronized void subscribe() {
        if (closed) {
            throw new IllegalStateException("the job queue is closed");
        }
        if (receiver != null && receiver.consuming) {
            return;
        }
        closeChannel();
        Channel channel = null;
        try {
            channel = connections.createConnection().getDelegate().createChannel();
            if (channel == null) {
                throw new IOException("RabbitMQ has no channel left on this connection");
            }
            channel.basicQos(prefetch);
            Receiver subscribed = new Receiver(channel);
            channel.basicConsume(queue, false, subscribed);
            receiver = subscribed;
        } catch (IOException | RuntimeException e) {
            abort(channel);
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        }
    }

    /** The next delivery, waiting up to {@code wait} for one. */
    Optional<Delivery> next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Delivery delivery = arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            // One whose channel closed is the broker's again, and comes back on the new channel.
            if (delivery == null || delivery.channel().isOpen()) {
                return Optional.ofNullable(delivery);
            }
        }
    }

    /** How many deliveries wait for a claim; lets tests wait for the broker rather than guess how long it takes. */
    int waiting() {
        return arrived.size();
    }

    /** Stops consuming; the broker puts back every delivery not acknowledged yet. */
    @Override
    public synchronized void close() {
        closed = true;
        closeChannel();
        arrived.clear();
    }

    private void closeChannel() {
        if (receiver != null) {
            receiver.consuming = false;
            abort(receiver.getChannel());
            receiver = null;
        }
    }

    private static void abort(Channel channel) {
        try {
            if (channel != null) {
                channel.abort();
            }
        } catch (IOException e) {
            log.debug("Could not close the consumer's channel", e);
        }
    }

    /** Hands each delivery to the waiting claims and notes when it can receive no more. */
    private final class Receiver extends DefaultConsumer {

        private volatile boolean consuming = true;

        Receiver(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) {
            arrived.add(new Delivery(getChannel(), envelope.getDeliveryTag(), properties, body));
        }

        @Override
        public void handleCancel(String consumerTag) {
            consuming = false;
            log.warn("RabbitMQ cancelled the consumer of queue {} (was it deleted?); the next claim subscribes again",
                    queue);
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            consuming = false;
            if (!signal.isInitiatedByApplication()) {
                log.warn("Lost the channel that consumes queue {}; the next claim subscribes again: {}", queue,
                        signal.getMessage());
            }
        }
    }

    /** A message from the jobs queue, to be acknowledged once, on its own channel. */
    record Delivery(Channel channel, long tag, AMQP.BasicProperties properties, byte[] body) {

        /** The job the message is about, or empty when its body is not a job id. */
        Optional<UUID> job() {
            return RelayedJobQueue.jobId(new String(body, StandardCharsets.UTF_8));
        }

        /** Removes the message from the queue; on a closed channel this does nothing, and the broker delivers it again. */
        void ack() {
            try {
                channel.basicAck(tag, false);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not acknowledge delivery {}: its channel closed", tag, e);
            }
        }

        /** Puts the message back in the queue, to be delivered again. */
        void requeue() {
            try {
                channel.basicNack(tag, false, true);
            } catch (IOException | RuntimeException e) {
                log.debug("Could not return delivery {}: its channel closed", tag, e);
            }
        }
    }
}
