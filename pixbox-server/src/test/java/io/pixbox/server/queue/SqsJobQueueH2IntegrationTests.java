package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;

/** The SQS queue, on ElasticMQ, with its records on H2. */
class SqsJobQueueH2IntegrationTests extends JobQueueContract {

    private TestSqs sqs;

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = TestDatabase.h2();
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
