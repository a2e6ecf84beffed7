package io.pixbox.server.queue;

/** Messages lost from SQS (ElasticMQ), with the records on H2. */
class SqsLostMessagesH2IntegrationTests extends LostMessagesContract {

    private TestSqs sqs;

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = TestDatabase.h2();
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
