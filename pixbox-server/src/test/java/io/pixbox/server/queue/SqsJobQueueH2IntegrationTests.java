package io.pixbox.server.queue;

/** The SQS queue, on ElasticMQ, with its records on H2. */
class SqsJobQueueH2IntegrationTests extends SqsQueueSuite {

    SqsJobQueueH2IntegrationTests() {
        super(TestDatabase::h2);
    }
}
