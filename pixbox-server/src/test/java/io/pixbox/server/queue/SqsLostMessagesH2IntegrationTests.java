package io.pixbox.server.queue;

/** Messages lost from SQS (ElasticMQ), with the records on H2. */
class SqsLostMessagesH2IntegrationTests extends SqsLostMessagesSuite {

    SqsLostMessagesH2IntegrationTests() {
        super(TestDatabase::h2);
    }
}
