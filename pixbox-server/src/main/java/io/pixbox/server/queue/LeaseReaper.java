package io.pixbox.server.queue;

import io.pixbox.server.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Returns jobs whose worker stopped renewing its lease to the queue, every reap interval, while the context runs. */
final class LeaseReaper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

    private final JobQueue queue;

    LeaseReaper(JobQueue queue, Duration interval) {
        super("lease-reaper", interval);
        this.queue = queue;
    }

    @Override
    protected void runOnce() {
        int reclaimed = queue.reclaimExpiredLeases();
        if (reclaimed > 0) {
            log.info("Reclaimed {} job(s) whose worker stopped renewing its lease", reclaimed);
        }
    }
}
