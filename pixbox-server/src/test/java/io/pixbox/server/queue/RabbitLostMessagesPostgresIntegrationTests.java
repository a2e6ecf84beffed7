package io.pixbox.server.queue;

/** Messages lost from RabbitMQ, with the records on PostgreSQL. */
class RabbitLostMessagesPostgresIntegrationTests extends RabbitLostMessagesSuite {

    RabbitLostMessagesPostgresIntegrationTests() {
        super(TestDatabase::postgres);
    }
}
