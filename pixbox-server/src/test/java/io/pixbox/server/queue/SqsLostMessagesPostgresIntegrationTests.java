package io.pixbox.server.queue;

/** Messages lost from SQS (ElasticMQ), with the records on PostgreSQL. */
class SqsLostMessagesPostgresIntegrationTests extends SqsLostMessagesSuite {

    SqsLostMessagesPostgresIntegrationTests() {
        super(TestDatabase::postgres);
    }
}
