package io.pixbox.server.queue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What every queue does the same way because the jobs table keeps the records, whatever delivers them: reading
 * jobs, renewing leases, deleting an image's jobs, and counting.
 */
abstract class RecordedJobQueue implements JobQueue {

    final JobRecords records;

    RecordedJobQueue(JobRecords records) {
        this.records = records;
    }

    @Override
    public boolean heartbeat(Job job) {
        return records.heartbeat(job, records.now());
    }

    @Override
    public Optional<Job> find(UUID id) {
        return records.find(id);
    }

    @Override
    public List<Job> forImage(UUID imageId) {
        return records.forImage(imageId);
    }

    /** On a broker, leaves the jobs' messages be: each is dropped when it arrives and finds no job. */
    @Override
    public void deleteForImage(UUID imageId) {
        records.deleteForImage(imageId);
    }

    @Override
    public Map<JobState, Long> countByState() {
        return records.countByState();
    }

    @Override
    public long depth() {
        return records.depth(records.now());
    }

    /** Checks a claim's arguments as {@link JobQueue#claim} requires. */
    static void checkClaim(String worker, int max) {
        Objects.requireNonNull(worker, "worker");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
