package io.pixbox.server.queue;

import static io.pixbox.server.queue.JobState.DEAD;
import static io.pixbox.server.queue.JobState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The RabbitMQ queue with its records on PostgreSQL, each test on queues of its own; and what only a broker does:
 * the outbox and its confirms, redelivery, delay queues, dead letters and the prefetch.
 */
class RabbitJobQueuePostgresIntegrationTests extends RabbitQueueSuite {

    RabbitJobQueuePostgresIntegrationTests() {
        super(TestDatabase::postgres);
    }

    /** A few of the relay's polls: long enough for a message that was going to be sent to have been. */
    private static final Duration SOME_POLLS = Duration.ofSeconds(1);

    @Test
    void anEnqueueThatRollsBackPublishesNothing() throws Exception {
        // given
        NewJob rolledBack = newJob();
        NewJob committed = newJob();

        // when
        database.inTransaction(status -> {
            queue.enqueue(List.of(rolledBack));
            status.setRollbackOnly();
        });
        queue.enqueue(List.of(committed));

        // then: the committed job's message is the only one, and nothing is left to send
        TestBroker.await(() -> broker.ready(jobsQueue()) == 1, "the committed job's message");
        stays(() -> broker.ready(jobsQueue()) == 1);
        assertThat(body(broker.receive(jobsQueue(), PROMPTLY))).isEqualTo(committed.id().toString());
        assertThat(outboxRows()).isZero();
    }

    @Test
    void theRelayPublishesWhatAProcessLeftInTheOutboxWhenItCrashed() throws Exception {
        // given: a job committed with its message by a process that died before relaying it
        ((RabbitJobQueue) queue).close();
        NewJob job = newJob();
        JobRecords records = new JobRecords(database.dataSource(), clock, RETRY, LEASE);
        database.inTransaction(status -> {
            records.insert(List.of(job), records.now());
            writeToOutbox(job.id(), jobsQueue());
        });
        stays(() -> broker.ready(jobsQueue()) == 0);

        // when: another process starts
        JobQueue restarted = anotherProcess();

        // then: its relay finds the message and a worker gets the job
        assertThat(restarted.claim("worker-1", 1, PROMPTLY)).extracting(Job::id).containsExactly(job.id());
        assertThat(outboxRows()).isZero();
    }

    @Test
    void anOutboxRowStaysUntilAQueueTakesItsMessageAndTheBrokerConfirmsIt() throws Exception {
        // given: a message for a queue that does not exist
        String later = broker.settings().queue() + ".later";
        writeToOutbox(UUID.randomUUID(), later);
        stays(() -> outboxRows() == 1);

        // and then a queue of that name that refuses every message (a classic one: a quorum queue takes one first)
        broker.declare(QueueBuilder.durable(later).classic().maxLength(0)
                .overflow(QueueBuilder.Overflow.rejectPublish).build());
        stays(() -> outboxRows() == 1); // refused by the broker's negative confirm

        // when: the queue takes messages
        broker.delete(later);
        broker.declare(QueueBuilder.durable(later).quorum().build());

        // then
        TestBroker.await(() -> outboxRows() == 0, "the row deleted once confirmed");
        assertThat(broker.ready(later)).isEqualTo(1);
    }

    @Test
    void aMessageThatIsNotAJobIdIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() throws Exception {
        // given: garbage ahead of a job in the queue
        byte[] garbage = "{\"not\": \"a job\"}".getBytes(StandardCharsets.UTF_8);
        broker.publish(jobsQueue(), garbage);
        NewJob job = enqueued();

        // when
        List<Job> claimed = queue.claim("worker-1", 1, PROMPTLY);

        // then
        assertThat(claimed).extracting(Job::id).containsExactly(job.id());
        Message dead = broker.receive(deadLetters(), PROMPTLY);
        assertThat(dead).isNotNull();
        assertThat(dead.getBody()).isEqualTo(garbage);
        assertThat((String) dead.getMessageProperties().getHeader("x-pixbox-reason"))
                .isEqualTo("message.not_a_job: the message's body is not a job id");
        assertThat(broker.ready(jobsQueue())).isZero();
    }

    @Test
    void aJobPastItsLastAttemptIsDeadInTheTableAndInTheDeadLetterQueueWithTheReason() throws Exception {
        // given: a job failed on its last attempt, and one whose lease expired on it
        JobQueue once = broker.queue(database, clock, new RetryPolicy(1, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(1)), LEASE, TestBroker.CONTRACT_PREFETCH);
        once.enqueue(List.of(newJob(), newJob()));
        awaitClaimable(once, 2);
        List<Job> claimed = once.claim("worker-1", 2, Duration.ZERO);

        // when
        Job failed = once.failed(claimed.get(0), UNAVAILABLE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));
        once.reclaimExpiredLeases();

        // then
        assertThat(failed.state()).isEqualTo(DEAD);
        assertThat(once.find(claimed.get(1).id()).orElseThrow().state()).isEqualTo(DEAD);
        List<String> letters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Message letter = broker.receive(deadLetters(), PROMPTLY);
            assertThat(letter).isNotNull();
            letters.add(body(letter) + " " + letter.getMessageProperties().getHeader("x-pixbox-reason"));
        }
        assertThat(letters).containsExactly(
                claimed.get(0).id() + " storage.unavailable: the object store did not answer",
                claimed.get(1).id() + " worker.lease_expired: the worker stopped renewing its lease");
    }

    @Test
    void aRetryComesBackNoSoonerThanItsBackOffAndEachBackOffIsLonger() throws Exception {
        // given: short delays on the real clock
        Duration first = Duration.ofMillis(300);
        Duration second = Duration.ofMillis(900);
        JobQueue realTime = broker.queue(database, Clock.systemUTC(), new RetryPolicy(3, first, 3.0,
                Duration.ofSeconds(10)), LEASE, TestBroker.CONTRACT_PREFETCH);
        realTime.enqueue(List.of(newJob()));
        awaitClaimable(realTime, 1);
        Job job = realTime.claim("worker-1", 1, Duration.ZERO).getFirst();

        // when
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 2; attempt <= 3; attempt++) {
            long failed = System.nanoTime();
            realTime.failed(job, UNAVAILABLE);
            job = realTime.claim("worker-1", 1, LONG_WAIT).getFirst();
            waits.add(Duration.ofNanos(System.nanoTime() - failed));
            assertThat(job.attempts()).isEqualTo(attempt);
        }

        // then: each back-off waited in its own delay queue
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(first).isLessThan(second);
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(second).isLessThan(PROMPTLY);
        assertThat(broker.exists(jobsQueue() + ".delay.300ms")).isTrue();
        assertThat(broker.exists(jobsQueue() + ".delay.900ms")).isTrue();
    }

    @Test
    void aMessageThatArrivesBeforeItsJobsBackOffEndsWaitsInADelayQueueRatherThanRunningTheJob() throws Exception {
        // given: a job waiting out a long back-off, and a second copy of its message, as a relay sends after a crash
        JobQueue patient = broker.queue(database, clock, new RetryPolicy(2, Duration.ofMinutes(1), 2.0,
                Duration.ofMinutes(1)), LEASE, TestBroker.CONTRACT_PREFETCH);
        patient.enqueue(List.of(newJob()));
        awaitClaimable(patient, 1);
        Job job = patient.claim("worker-1", 1, Duration.ZERO).getFirst();
        patient.failed(job, UNAVAILABLE);
        broker.publish(jobsQueue(), job.id().toString().getBytes(StandardCharsets.UTF_8));

        // when
        List<Job> early = patient.claim("worker-2", 1, SOME_POLLS);

        // then: both copies wait for the back-off
        assertThat(early).isEmpty();
        assertThat(patient.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        TestBroker.await(() -> broker.ready(jobsQueue() + ".delay.60000ms") == 2, "both copies delayed");
    }

    @Test
    void aRedeliveredMessageOfAJobRunningUnderAnotherClaimIsDroppedAndTheReclaimSendsItAgain() throws Exception {
        // given: a worker claims a job, and its process dies, so that the broker delivers the message again
        NewJob job = enqueued();
        RabbitJobQueue dying = anotherProcess();
        awaitClaimable(dying, 1);
        Job running = dying.claim("worker-1", 1, Duration.ZERO).getFirst();
        dying.close();

        // when: another process gets the message while the lease holds
        RabbitJobQueue other = anotherProcess();
        List<Job> again = other.claim("worker-2", 1, SOME_POLLS);
        other.close();

        // then: it did not run the job twice, and acknowledged the message rather than holding it
        assertThat(again).isEmpty();
        assertThat(queue.find(job.id()).orElseThrow()).satisfies(still -> {
            assertThat(still.state()).isEqualTo(RUNNING);
            assertThat(still.worker()).isEqualTo("worker-1");
        });
        assertThat(broker.ready(jobsQueue())).isZero();

        // and once the lease has expired, reclaiming it sends the job to a worker again
        clock.advance(LEASE.plusSeconds(1));
        assertThat(queue.reclaimExpiredLeases()).isEqualTo(1);
        Job reclaimed = claimOne("worker-2");
        assertThat(reclaimed.attempts()).isEqualTo(running.attempts() + 1);
    }

    @Test
    void aMessageOfAJobDeletedWithItsImageIsDropped() throws Exception {
        // given
        NewJob job = enqueued();
        queue.deleteForImage(job.imageId());

        // when
        RabbitJobQueue worker = anotherProcess();
        List<Job> claimed = worker.claim("worker-1", 1, SOME_POLLS);
        worker.close();

        // then: acknowledged, so that closing the channel did not put it back
        assertThat(claimed).isEmpty();
        assertThat(broker.ready(jobsQueue())).isZero();
    }

    @Test
    void aWorkerHoldsNoMoreJobsThanItsPrefetchAndTheRestStayForOthers() throws Exception {
        // given
        RabbitJobQueue two = broker.queue(database, clock, RETRY, LEASE, 2);
        two.enqueue(List.of(newJob(), newJob(), newJob(), newJob(), newJob()));

        // when: it claims all it can, holding every job
        List<Job> held = claimUntilNoneComes(two);

        // then
        assertThat(held).hasSize(2);
        assertThat(broker.ready(jobsQueue())).isEqualTo(3);

        // and when one is done, it gets one more
        two.succeeded(held.getFirst());
        assertThat(claimUntilNoneComes(two)).hasSize(1);
        assertThat(broker.ready(jobsQueue())).isEqualTo(2);
    }

    @Test
    void aWorkerConsumesAgainOnceItsQueueIsBackAfterItWasDeleted() throws Exception {
        // given: a worker consuming, and its queue deleted under it, so that claiming fails
        assertThat(queue.claim("worker-1", 1, Duration.ZERO)).isEmpty();
        broker.delete(jobsQueue());
        TestBroker.await(() -> claimFails(queue), "a claim failing for want of the queue");

        // when
        broker.declare(QueueBuilder.durable(jobsQueue()).quorum().build());
        NewJob job = enqueued();

        // then
        assertThat(queue.claim("worker-1", 1, PROMPTLY)).extracting(Job::id).containsExactly(job.id());
    }

    private List<Job> claimUntilNoneComes(JobQueue from) throws InterruptedException {
        List<Job> claimed = new ArrayList<>();
        for (List<Job> batch; !(batch = from.claim("worker-1", 10, SOME_POLLS)).isEmpty(); ) {
            claimed.addAll(batch);
        }
        return claimed;
    }

    private static boolean claimFails(JobQueue from) {
        try {
            from.claim("worker-1", 1, Duration.ZERO);
            return false;
        } catch (RuntimeException e) {
            return true;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A queue on the same database and queues, as another Pixbox process has. */
    private RabbitJobQueue anotherProcess() {
        return broker.queue(database, clock, RETRY, LEASE, TestBroker.CONTRACT_PREFETCH);
    }

    /** Writes a message to the outbox as a queue does, but without waking any relay. */
    private void writeToOutbox(UUID job, String destination) {
        Outbox outbox = new Outbox(database.dataSource(), true);
        database.inTransaction(status -> outbox.add(job, destination, null, clock.instant()));
    }

    private long outboxRows() {
        return JdbcClient.create(database.dataSource()).sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private String jobsQueue() {
        return broker.settings().queue();
    }

    private String deadLetters() {
        return broker.settings().deadLetters();
    }

    private static String body(Message message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** Checks that the condition holds, and goes on holding for a few of the relay's polls. */
    private static void stays(java.util.concurrent.Callable<Boolean> condition) {
        await().during(SOME_POLLS).atMost(SOME_POLLS.multipliedBy(5)).until(condition);
    }
}
