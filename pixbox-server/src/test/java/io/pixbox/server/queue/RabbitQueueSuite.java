package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The job queue contract on RabbitMQ, with the records on the database each subclass names. */
abstract class RabbitQueueSuite extends JobQueueContract {

    private final Supplier<TestDatabase> databases;

    TestBroker broker;

    RabbitQueueSuite(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = databases.get();
        // Closed last: after the queues on it.
        broker = database.closeLater(new TestBroker());
        return database;
    }

    @Override
    JobQueue createQueue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease, Duration pollInterval) {
        return broker.queue(database, clock, retry, lease, TestBroker.CONTRACT_PREFETCH);
    }

    @Override
    void awaitClaimable(JobQueue queue, int jobs) throws InterruptedException {
        TestBroker.awaitClaimable(queue, jobs);
    }
}
