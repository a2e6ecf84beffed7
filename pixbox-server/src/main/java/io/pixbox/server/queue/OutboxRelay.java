package io.pixbox.server.queue;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
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

    /** The header (RabbitMQ) or message attribute (SQS) that tells why a message is in the dead letters. */
    static final String REASON = "x-pixbox-reason";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Publisher publisher;
    private final String broker;
    private final Duration pollInterval;
    private final JobSignal signal = new JobSignal();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean failing; // only the relay's thread reads and writes it

    /** A relay to {@code broker}, named in its log messages, such as RabbitMQ. */
    OutboxRelay(Outbox outbox, TransactionTemplate transactions, Publisher publisher, String broker,
                Duration pollInterval) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.publisher = publisher;
        this.broker = broker;
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
            report(relayed.refused() == 0 ? null : broker + " refused " + relayed.refused()
                    + " job message(s), which stay in the outbox; is every queue of the job queue there?");
        } catch (RuntimeException e) {
            report(e.getMessage());
        }
    }

    /** Logs when relaying starts failing and when it works again, rather than at every poll. */
    private void report(String problem) {
        if (problem != null && !failing) {
            log.warn("Cannot relay job messages to {}, trying again every {} ms: {}", broker, pollInterval.toMillis(),
                    problem);
        } else if (problem == null && failing) {
            log.info("Relaying job messages to {} again", broker);
        }
        failing = problem != null;
    }

    /** Publishes a batch, oldest first, and deletes the rows whose message the broker took. */
    private Relayed relayBatch() {
        return transactions.execute(status -> {
            List<Outbox.Message> pending = outbox.pending(BATCH);
            BitSet taken = publisher.publish(pending);
            outbox.delete(taken.stream().mapToObj(i -> pending.get(i).id()).toList());
            return new Relayed(taken.cardinality(), pending.size() - taken.cardinality());
        });
    }

    private record Relayed(int sent, int refused) {
    }

    /** Sends outbox messages to a broker: each queue's own. */
    interface Publisher {

        /**
         * Sends the messages, oldest first, and answers the positions of those the broker took for certain.
         *
         * @throws RuntimeException when the broker cannot be reached or does not answer in time; then none counts as taken
         */
        BitSet publish(List<Outbox.Message> messages);
    }
}
