package io.pixbox.server.queue;

import java.util.function.Supplier;

/** Messages lost from RabbitMQ, on the database each subclass names. */
abstract class RabbitLostMessagesSuite extends LostMessagesContract {

    private final Supplier<TestDatabase> databases;

    private TestBroker broker;

    RabbitLostMessagesSuite(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    @Override
    TestDatabase createDatabase() {
        TestDatabase database = databases.get();
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
