package io.pixbox.server.queue;

/** Messages lost from RabbitMQ, with the records on H2. */
class RabbitLostMessagesH2IntegrationTests extends RabbitLostMessagesSuite {

    RabbitLostMessagesH2IntegrationTests() {
        super(TestDatabase::h2);
    }
}
