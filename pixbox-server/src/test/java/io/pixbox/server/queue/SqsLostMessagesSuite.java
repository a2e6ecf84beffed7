package io.pixbox.server.queue;

import java.util.function.Supplier;

/** Messages lost from SQS (ElasticMQ), on the database each subclass names. */
abstract class SqsLostMessagesSuite extends LostMessagesContract {

    private final Supplier<TestDatabase> databases;

    private TestSqs sqs;

    SqsLostMessagesSuite(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = databases.get();
        sqs = database.closeLater(new TestSqs());
        return database;
    }

    @Override
    RelayedJobQueue<?> createQueue(TestDatabase database, MutableClock clock) {
        return sqs.queue(database, clock, JobQueueContract.RETRY, JobQueueContract.LEASE);
    }

    @Override
    void loseAll() {
        while (sqs.deleteReceived(10) > 0) {
            // until nothing is left to receive
        }
    }

    @Override
    void loseOne() {
        sqs.deleteReceived(1);
    }
}
