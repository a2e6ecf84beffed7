package io.pixbox.server.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixbox.server.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages of ready jobs that a broker lost outside Pixbox again, every reap interval, while the context
 * runs: a queue purged or deleted, a broker that lost data, a message SQS's redrive policy moved or a person
 * deleted. See {@link RelayedJobQueue#republishLost} for which jobs count as lost.
 */
final class LostMessages extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LostMessages.class);
    /** How many of the jobs sent again the log names. */
    private static final int NAMED = 10;

    private final RelayedJobQueue<?> queue;
    private final Duration grace;
    private final Counter republished;

    LostMessages(RelayedJobQueue<?> queue, Duration grace, Duration interval, MeterRegistry metrics) {
        super("lost-messages", interval);
        this.queue = queue;
        this.grace = grace;
        this.republished = Counter.builder("pixbox.jobs.republished")
                .description("Jobs whose message the scheduler sent again because the broker had lost it")
                .register(metrics);
    }

    @Override
    protected void runOnce() {
        RelayedJobQueue.Republished found = queue.republishLost(grace);
        if (!found.jobs().isEmpty()) {
            republished.increment(found.jobs().size());
            log.warn("Sent the message of {} job(s) again, ready for more than {}s with {} message(s) waiting in {} "
                            + "for {} ready job(s): {}{}", found.jobs().size(), grace.toSeconds(), found.waiting(),
                    queue.jobsQueue(), found.ready(), found.jobs().subList(0, Math.min(NAMED, found.jobs().size())),
                    found.jobs().size() > NAMED ? " and more" : "");
        }
    }
}
