package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The job queue contract on SQS (ElasticMQ), with the records on the database each subclass names. */
abstract class SqsQueueSuite extends JobQueueContract {

    private final Supplier<TestDatabase> databases;

    TestSqs sqs;

    SqsQueueSuite(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = databases.get();
        // Closed last: after the queues on it.
        sqs = database.closeLater(new TestSqs());
        return database;
    }

    @Override
    JobQueue createQueue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease, Duration pollInterval) {
        return sqs.queue(database, clock, retry, lease);
    }

    @Override
    void awaitClaimable(JobQueue queue, int jobs) throws InterruptedException {
        sqs.awaitClaimable(jobs);
    }
}
