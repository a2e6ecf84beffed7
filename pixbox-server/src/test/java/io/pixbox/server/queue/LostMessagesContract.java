package io.pixbox.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a broker's queue does about messages lost outside Pixbox ({@link RelayedJobQueue#republishLost}), run
 * against each broker on a fresh database of its own, with a clock that moves only when a test moves it.
 */
abstract class LostMessagesContract {

    static final Duration GRACE = Duration.ofMinutes(5);
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T08:00:00Z"));
    TestDatabase database;
    RelayedJobQueue<?> queue;

    /** A fresh database, migrated, with the broker's test queues closed after the queues on it. */
    abstract TestDatabase createDatabase();

    /** A queue on the test's broker queues and {@code database}, which closes it. */
    abstract RelayedJobQueue<?> createQueue(TestDatabase database, MutableClock clock);

    /** Removes every message of the jobs queue by the broker's own means, as an operator may. */
    abstract void loseAll();

    /** Takes one message off the jobs queue and removes it for good, as a person or a stray consumer may. */
    abstract void loseOne();

    @BeforeEach
    void createQueue() {
        database = createDatabase();
        queue = createQueue(database, clock);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void aJobWhoseMessageWasLostIsSentAgainOnceReadyForLongerThanTheGraceAndRuns() throws Exception {
        // given: a job whose message reached the broker and was then purged
        NewJob job = enqueued(1).getFirst();
        loseAll();
        awaitWaiting(0);

        // when: the scheduler looks before the grace has passed, and after
        RelayedJobQueue.Republished early = queue.republishLost(GRACE);
        clock.advance(GRACE.plusSeconds(1));
        RelayedJobQueue.Republished late = queue.republishLost(GRACE);

        // then: sent again only after the grace, and the job runs
        assertThat(early.jobs()).isEmpty();
        assertThat(late).isEqualTo(new RelayedJobQueue.Republished(1, 0, List.of(job.id())));
        List<Job> claimed = queue.claim("worker-1", 1, PROMPTLY);
        assertThat(claimed).extracting(Job::id).containsExactly(job.id());
        assertThat(queue.succeeded(claimed.getFirst())).isTrue();
    }

    @Test
    void jobsWhoseMessagesStillWaitAreNeverSentAgainHoweverLongTheyWait() throws Exception {
        // given: a backlog nobody consumes
        List<NewJob> jobs = enqueued(3);

        // when: the scheduler looks, interval after interval, long past the grace
        List<UUID> sent = new ArrayList<>();
        for (int look = 0; look < 5; look++) {
            clock.advance(GRACE.plusSeconds(1));
            sent.addAll(queue.republishLost(GRACE).jobs());
        }

        // then: no duplicate went out, and each job is claimed once
        assertThat(sent).isEmpty();
        assertThat(outboxRows()).isZero();
        assertThat(queue.waitingMessages()).isEqualTo(3);
        assertThat(claimAll()).containsExactlyInAnyOrderElementsOf(jobs.stream().map(NewJob::id).toList());
    }

    @Test
    void aLostJobIsSentAgainAtMostOncePerGraceWhileNobodyConsumesIt() throws Exception {
        // given: a lost message, sent again
        NewJob job = enqueued(1).getFirst();
        loseAll();
        awaitWaiting(0);
        clock.advance(GRACE.plusSeconds(1));
        assertThat(queue.republishLost(GRACE).jobs()).containsExactly(job.id());
        awaitWaiting(1);

        // when: the copy is lost too, and the scheduler looks within the grace of sending it and after; and then,
        // long after, while the next copy waits
        loseAll();
        awaitWaiting(0);
        clock.advance(GRACE.minusSeconds(1));
        List<UUID> withinTheGrace = queue.republishLost(GRACE).jobs();
        clock.advance(Duration.ofSeconds(2));
        List<UUID> afterTheGrace = queue.republishLost(GRACE).jobs();
        awaitWaiting(1);
        clock.advance(GRACE.plusSeconds(1));
        List<UUID> whileWaiting = queue.republishLost(GRACE).jobs();

        // then
        assertThat(withinTheGrace).as("sent again within the grace of the last time").isEmpty();
        assertThat(whileWaiting).as("sent again while its copy waits").isEmpty();
        assertThat(afterTheGrace).containsExactly(job.id());
    }

    @Test
    void aBacklogMissingOneMessageGetsOneMoreMessageAtATimeAndEveryJobRuns() throws Exception {
        // given: five jobs, one message lost
        List<NewJob> jobs = enqueued(5);
        loseOne();
        awaitWaiting(4);
        clock.advance(GRACE.plusSeconds(1));

        // when: the scheduler looks between the workers' rounds until every job has run
        int sent = 0;
        List<UUID> ran = new ArrayList<>();
        for (int round = 0; round < 3 && ran.size() < jobs.size(); round++) {
            List<UUID> again = queue.republishLost(GRACE).jobs();
            assertThat(again).as("sent again in round %d", round).hasSizeLessThanOrEqualTo(1);
            sent += again.size();
            assertThat(queue.republishLost(GRACE).jobs()).as("sent again twice in one round").isEmpty();
            ran.addAll(claimAll());
            clock.advance(GRACE.plusSeconds(1));
        }

        // then: every job ran once; one message more each time the broker held one fewer than the ready jobs
        assertThat(ran).containsExactlyInAnyOrderElementsOf(jobs.stream().map(NewJob::id).toList());
        assertThat(sent).isBetween(1, 2);
    }

    @Test
    void aJobWhoseMessageIsStillInTheOutboxIsNotSentAgain() {
        // given: a job whose message the relay has not sent, as while the broker is away
        NewJob job = JobQueueContract.newJob();
        JobRecords records = new JobRecords(database.dataSource(), clock, JobQueueContract.RETRY,
                JobQueueContract.LEASE);
        database.inTransaction(status -> {
            records.insert(List.of(job), records.now());
            JdbcClient.create(database.dataSource()).sql("""
                            INSERT INTO outbox (job_id, destination, created_at)
                            VALUES (:job, 'nowhere', CURRENT_TIMESTAMP)""")
                    .param("job", job.id()).update();
        });
        clock.advance(GRACE.plusSeconds(1));

        // when
        RelayedJobQueue.Republished found = queue.republishLost(GRACE);

        // then
        assertThat(found).isEqualTo(new RelayedJobQueue.Republished(0, 0, List.of()));
    }

    /** Enqueues {@code count} jobs and waits until the broker holds their messages. */
    private List<NewJob> enqueued(int count) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(JobQueueContract.newJob());
        }
        queue.enqueue(jobs);
        awaitWaiting(count);
        return jobs;
    }

    private void awaitWaiting(long messages) {
        await("%d message(s) waiting in the jobs queue".formatted(messages)).atMost(PROMPTLY)
                .until(queue::waitingMessages, waiting -> waiting == messages);
    }

    /** Claims and finishes every job a worker gets until none comes for a moment; answers them. */
    private List<UUID> claimAll() throws InterruptedException {
        List<UUID> ran = new ArrayList<>();
        for (List<Job> batch; !(batch = queue.claim("worker-1", 10, Duration.ofSeconds(1))).isEmpty(); ) {
            for (Job job : batch) {
                assertThat(queue.succeeded(job)).as("job %s succeeded", job.id()).isTrue();
                ran.add(job.id());
            }
        }
        return ran;
    }

    private long outboxRows() {
        return JdbcClient.create(database.dataSource()).sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }
}
