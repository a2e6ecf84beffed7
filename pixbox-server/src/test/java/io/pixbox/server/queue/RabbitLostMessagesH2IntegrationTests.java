package io.pixbox.server.queue;

/** Messages lost from RabbitMQ, with the records on H2. */
class RabbitLostMessagesH2IntegrationTests extends LostMessagesContract {

    private TestBroker broker;

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = TestDatabase.h2();
        broker = database.closeLater(new TestBroker());
        return database;
    }

    @Override
    RelayedJobQueue<?> createQueue(TestDatabase database, MutableClock clock) {
        return broker.queue(database, clock, JobQueueContract.RETRY, JobQueueContract.LEASE, 10);
    }

    @Override
    void loseAll() {
        broker.purge(broker.settings().queue());
    }

    @Override
    void loseOne() {
        broker.receive(broker.settings().queue(), PROMPTLY);
    }
}
