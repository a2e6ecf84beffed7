package io.pixbox.server.queue;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox's messages on a thread of its own, when woken after a commit in this process and every poll
 * interval for those written by other processes or left by a crash. A row is deleted in the transaction that read
 * it, once the broker has confirmed its message: a crash in between sends the message again, which the consumer
 * copes with, and never loses it.
 */
final class OutboxRelay implements AutoCloseable {

    /** The header that tells why a job is in the dead letters. */
    static final String REASON = "x-pixbox-reason";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final RabbitPublisher publisher;
    private final Duration pollInterval;
    private final JobSignal signal = new JobSignal();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean failing; // only the relay's thread reads and writes it

    OutboxRelay(Outbox outbox, TransactionTemplate transactions, RabbitPublisher publisher, Duration pollInterval) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.thread = Thread.ofPlatform().name("pixbox-outbox-relay").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Makes the relay look at the outbox now rather than at its next poll. */
    void wake() {
        signal.fire();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        signal.fire();
        if (!thread.join(STOP_TIMEOUT)) {
            thread.interrupt();
            log.warn("The outbox relay did not stop within {}s", STOP_TIMEOUT.toSeconds());
        }
    }

    /** The message an outbox row stands for: the job's id, with the reason when it is a dead letter. */
    private static RabbitPublisher.Message message(Outbox.Message row) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").deliveryMode(2)
                .headers(row.reason() == null ? null : Map.of(REASON, row.reason()))
                .build();
        return new RabbitPublisher.Message(row.queue(), row.job().toString().getBytes(StandardCharsets.UTF_8),
                properties);
    }

    private void run() {
        try {
            while (running) {
                long seen = signal.generation();
                relayPending();
                signal.awaitAfter(seen, pollInterval);
            }
            // A last batch, so that the jobs a stopping worker gave back go out now rather than at the next start.
            relayPending();
        } catch (InterruptedException e) {
            // Stopping without waiting any longer: what is left goes out with the next relay to poll.
        }
    }

    private void relayPending() {
        try {
            Relayed relayed;
            do {
                relayed = relayBatch();
            } while (running && relayed.refused() == 0 && relayed.sent() == BATCH);
            report(relayed.refused() == 0 ? null : "RabbitMQ refused " + relayed.refused()
                    + " job message(s), which stay in the outbox; is every queue of the job queue there?");
        } catch (RuntimeException e) {
            report(e.getMessage());
        }
    }

    /** Logs when relaying starts failing and when it works again, rather than at every poll. */
    private void report(String problem) {
        if (problem != null && !failing) {
            log.warn("Cannot relay job messages to RabbitMQ, trying again every {} ms: {}", pollInterval.toMillis(),
                    problem);
        } else if (problem == null && failing) {
            log.info("Relaying job messages to RabbitMQ again");
        }
        failing = problem != null;
    }

    /** Publishes a batch, oldest first, and deletes the rows whose message the broker took. */
    private Relayed relayBatch() {
        return transactions.execute(status -> {
            List<Outbox.Message> pending = outbox.pending(BATCH);
            BitSet taken = publisher.publish(pending.stream().map(OutboxRelay::message).toList());
            outbox.delete(taken.stream().mapToObj(i -> pending.get(i).id()).toList());
            return new Relayed(taken.cardinality(), pending.size() - taken.cardinality());
        });
    }

    private record Relayed(int sent, int refused) {
    }
}
