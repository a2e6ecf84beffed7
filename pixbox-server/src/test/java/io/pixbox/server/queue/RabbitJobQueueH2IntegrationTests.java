package io.pixbox.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The RabbitMQ queue with its records on H2; and its relays, which take turns there since H2 cannot skip the rows
 * another relay holds.
 */
class RabbitJobQueueH2IntegrationTests extends RabbitQueueSuite {

    RabbitJobQueueH2IntegrationTests() {
        super(TestDatabase::h2);
    }

    @Test
    void relaysOnOneDatabasePublishEachMessageOnce() throws Exception {
        // given: three processes' relays polling the same outbox
        JobQueue second = createQueue(database, clock, RETRY, LEASE, POLL_INTERVAL);
        createQueue(database, clock, RETRY, LEASE, POLL_INTERVAL);
        int jobs = 300;

        // when: one of them enqueues, many times over, while the others poll
        for (int i = 0; i < jobs; i += 10) {
            second.enqueue(IntStream.range(0, 10).mapToObj(j -> newJob()).toList());
        }

        // then: no message went twice
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        TestBroker.await(() -> jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single() == 0,
                "the outbox emptied");
        assertThat(broker.ready(broker.settings().queue())).isEqualTo(jobs);
    }
}
