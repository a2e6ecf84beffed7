package io.pixbox.server.queue;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The database queue on PostgreSQL, each test in a schema of its own in the local {@code test} database; and
 * the LISTEN/NOTIFY wake-up across processes.
 */
class DatabaseJobQueuePostgresIntegrationTests extends JobQueueContract {

    @Override
    TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }

    @Override
    JobQueue createQueue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease, Duration pollInterval) {
        return database.closeLater(new DatabaseJobQueue(database.dataSource(), database.transactionManager(), clock,
                retry, lease, pollInterval));
    }

    /** A queue with its own connection pool on the same database, as another Pixbox process has. */
    private DatabaseJobQueue anotherProcess() {
        return queueOn(database.anotherPool());
    }

    private DatabaseJobQueue queueOn(DataSource pool) {
        return database.closeLater(new DatabaseJobQueue(pool, new JdbcTransactionManager(pool), clock, RETRY, LEASE,
                POLL_INTERVAL));
    }

    @Test
    void aWaitingClaimWakesUpWhenAnotherProcessEnqueues() throws Exception {
        // given
        awaitListeners(1);
        DatabaseJobQueue other = anotherProcess();
        WaitingClaim waiting = WaitingClaim.start(queue, "worker-1", LONG_WAIT).awaitWaiting();
        NewJob job = newJob();

        // when
        other.enqueue(List.of(job));
        long committed = System.nanoTime();

        // then
        assertThat(waiting.result()).extracting(Job::id).containsExactly(job.id());
        assertThat(waiting.tookSince(committed)).isLessThan(PROMPTLY);
    }

    @Test
    void aWaitingClaimWakesUpWhenAnotherProcessRequeuesAJob() throws Exception {
        // given
        awaitListeners(1);
        DatabaseJobQueue other = anotherProcess();
        NewJob job = enqueued();
        queue.failed(claimOne("worker-1"), CORRUPT);
        WaitingClaim waiting = WaitingClaim.start(queue, "worker-1", LONG_WAIT).awaitWaiting();

        // when
        other.requeue(job.id());
        long committed = System.nanoTime();

        // then
        assertThat(waiting.result()).extracting(Job::id).containsExactly(job.id());
        assertThat(waiting.tookSince(committed)).isLessThan(PROMPTLY);
    }

    @Test
    void theListenerReconnectsAfterItsConnectionIsKilled() throws Exception {
        // given
        int killed = awaitListeners(1);
        JdbcClient admin = JdbcClient.create(database.anotherPool());
        admin.sql("SELECT pg_terminate_backend(:pid)").param("pid", killed).query().listOfRows();
        awaitListener(pids -> pids.stream().anyMatch(pid -> pid != killed));
        DatabaseJobQueue other = anotherProcess();
        WaitingClaim waiting = WaitingClaim.start(queue, "worker-1", LONG_WAIT).awaitWaiting();
        NewJob job = newJob();

        // when
        other.enqueue(List.of(job));
        long committed = System.nanoTime();

        // then
        assertThat(waiting.result()).extracting(Job::id).containsExactly(job.id());
        assertThat(waiting.tookSince(committed)).isLessThan(PROMPTLY);
    }

    @Test
    void closingTheQueueStopsTheListenerAndGivesItsConnectionBack() throws Exception {
        // given
        HikariDataSource pool = database.anotherPool();
        DatabaseJobQueue closing = queueOn(pool);
        awaitListeners(2);
        long listenersBefore = listenerThreads();

        // when
        closing.close();

        // then
        assertThat(listenerThreads()).isEqualTo(listenersBefore - 1);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(listeningSessions()).hasSize(1);
    }

    @Test
    void theListenerStopsWithTheApplicationContext() throws Exception {
        // given
        awaitListeners(1);
        long listenersBefore = listenerThreads();
        ApplicationContextRunner context = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class))
                .withUserConfiguration(Queue.class)
                .withPropertyValues("spring.datasource.url=" + database.url(),
                        "spring.datasource.username=" + database.user(), "pixbox.roles=api");

        // when
        context.run(app -> {
            assertThat(app).hasNotFailed().getBean(JobQueue.class).isInstanceOf(DatabaseJobQueue.class);
            awaitListeners(2);
        });

        // then
        assertThat(listenerThreads()).isEqualTo(listenersBefore);
        assertThat(listeningSessions()).hasSize(1);
    }

    /** Waits until {@code count} sessions listen for jobs on this test's database; answers the first one's process id. */
    private int awaitListeners(int count) throws InterruptedException {
        return awaitListener(pids -> pids.size() == count);
    }

    /** Waits until the sessions listening for jobs on this test's database meet {@code condition}; answers the first. */
    private int awaitListener(Predicate<List<Integer>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(20);
        List<Integer> pids;
        while (!condition.test(pids = listeningSessions())) {
            assertThat(System.nanoTime()).as("listening sessions %s", pids).isLessThan(deadline);
            Thread.sleep(20);
        }
        return pids.getFirst();
    }

    /** The sessions of this test's pools whose last statement was LISTEN: the listeners' connections. */
    private List<Integer> listeningSessions() {
        return JdbcClient.create(database.dataSource())
                .sql("SELECT pid FROM pg_stat_activity WHERE application_name = :name AND query = :listen ORDER BY pid")
                .param("name", database.name()).param("listen", "LISTEN " + PostgresJobListener.CHANNEL)
                .query(Integer.class).list();
    }

    private static long listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("pixbox-job-listener") && thread.isAlive())
                .count();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueueProperties.class)
    @Import(QueueConfiguration.class)
    static class Queue {
    }
}
