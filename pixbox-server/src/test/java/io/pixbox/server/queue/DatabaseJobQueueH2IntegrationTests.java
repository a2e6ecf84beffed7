package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;

/** The database queue on H2 in PostgreSQL mode, the embedded default. */
class DatabaseJobQueueH2IntegrationTests extends JobQueueContract {

    @Override
    TestDatabase createDatabase() {
        return TestDatabase.h2();
    }

    @Override
    JobQueue createQueue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease, Duration pollInterval) {
        return database.closeLater(new DatabaseJobQueue(database.dataSource(), database.transactionManager(), clock,
                retry, lease, pollInterval));
    }
}
