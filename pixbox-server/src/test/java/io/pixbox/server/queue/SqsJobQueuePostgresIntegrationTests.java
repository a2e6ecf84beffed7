package io.pixbox.server.queue;

import static io.pixbox.server.queue.JobState.DEAD;
import static io.pixbox.server.queue.JobState.QUEUED;
import static io.pixbox.server.queue.JobState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SQS queue, on ElasticMQ, with its records on PostgreSQL, each test on queues of its own; and what only SQS
 * does: batches, long polling, visibility, delays, redrive and the dead letters.
 */
class SqsJobQueuePostgresIntegrationTests extends SqsQueueSuite {

    SqsJobQueuePostgresIntegrationTests() {
        super(TestDatabase::postgres);
    }

    /** A few of the relay's polls: long enough for a message that was going to be sent to have been. */
    private static final Duration SOME_POLLS = Duration.ofSeconds(1);

    @Test
    void aMessageThatIsNotAJobIdIsDeadLetteredWithItsReasonAndDeletedRatherThanComingBack() throws Exception {
        // given: garbage ahead of a job in the queue
        String garbage = "{\"not\": \"a job\"}";
        server().send(sqs.jobsQueue(), garbage);
        sqs.awaitClaimable(1);
        NewJob job = enqueued();

        // when
        List<Job> claimed = queue.claim("worker-1", 1, PROMPTLY);

        // then: the job was claimed, and the garbage is a dead letter saying why, gone from the jobs queue
        assertThat(claimed).extracting(Job::id).containsExactly(job.id());
        List<Message> dead = server().receive(sqs.deadLetters(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo(garbage);
            assertThat(letter.messageAttributes().get("x-pixbox-reason").stringValue())
                    .isEqualTo("message.not_a_job: the message's body is not a job id");
        });
        assertThat(server().visible(sqs.jobsQueue())).isZero();
        assertThat(server().inFlight(sqs.jobsQueue())).as("the claimed job's message only").isEqualTo(1);
    }

    @Test
    void aJobPastItsLastAttemptIsDeadInTheTableAndInTheDeadLetterQueueWithTheReason() throws Exception {
        // given: a job failed on its last attempt, and one whose lease expired on it
        JobQueue once = sqs.queue(database, clock, new RetryPolicy(1, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(1)), LEASE);
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
        TestBroker.await(() -> server().visible(sqs.deadLetters()) == 2, "two dead letters");
        List<String> letters = server().receive(sqs.deadLetters(), Duration.ZERO, Duration.ofSeconds(30)).stream()
                .map(letter -> letter.body() + " " + letter.messageAttributes().get("x-pixbox-reason").stringValue())
                .toList();
        assertThat(letters).containsExactlyInAnyOrder(
                claimed.get(0).id() + " storage.unavailable: the object store did not answer",
                claimed.get(1).id() + " worker.lease_expired: the worker stopped renewing its lease");
        // The failed job's message is deleted; the lost claim's stays hidden until it comes back and is dropped.
        assertThat(server().visible(sqs.jobsQueue())).isZero();
        assertThat(server().inFlight(sqs.jobsQueue())).isEqualTo(1);
    }

    @Test
    void aJobRunningLongerThanTheVisibilityTimeoutKeepsItsMessageHiddenFromOtherConsumersWhileItsLeaseIsRenewed()
            throws Exception {
        // given: messages hidden for 2s at a time, and a job claimed
        TestSqs brief = database.closeLater(new TestSqs(Duration.ofSeconds(2), 10));
        SqsJobQueue worker = brief.queue(database, clock, RETRY, Duration.ofSeconds(3));
        worker.enqueue(List.of(newJob()));
        brief.awaitClaimable(1);
        Job running = worker.claim("worker-1", 1, Duration.ZERO).getFirst();

        // when: it runs for three visibility timeouts, renewing its lease every second as a worker does, while
        // another consumer keeps asking for messages
        List<Message> seenByAnother = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < until) {
            assertThat(worker.heartbeat(running)).isTrue();
            seenByAnother.addAll(server().receive(brief.jobsQueue(), Duration.ofSeconds(1), Duration.ZERO));
        }

        // then: nobody else saw it, and finishing the job deletes it
        assertThat(seenByAnother).isEmpty();
        assertThat(server().inFlight(brief.jobsQueue())).isEqualTo(1);
        assertThat(worker.succeeded(running)).isTrue();
        assertThat(server().inFlight(brief.jobsQueue()) + server().visible(brief.jobsQueue())).isZero();
    }

    @Test
    void aMessageShownAgainWhileItsJobRunsUnderAnotherClaimIsDeletedAndTheReclaimSendsTheJobAgain() throws Exception {
        // given: a worker claims a job and stops renewing its lease, so that its message is shown again
        TestSqs brief = database.closeLater(new TestSqs(Duration.ofSeconds(1), 10));
        Duration lease = Duration.ofSeconds(2);
        SqsJobQueue dying = brief.queue(database, clock, RETRY, lease);
        dying.enqueue(List.of(newJob()));
        brief.awaitClaimable(1);
        Job running = dying.claim("worker-1", 1, Duration.ZERO).getFirst();

        // when: another worker receives the message while the lease holds
        SqsJobQueue other = brief.queue(database, clock, RETRY, lease);
        List<Job> again = other.claim("worker-2", 1, Duration.ofSeconds(3));

        // then: it did not run the job twice, and deleted the message rather than leaving it to come back
        assertThat(again).isEmpty();
        assertThat(other.find(running.id()).orElseThrow()).satisfies(still -> {
            assertThat(still.state()).isEqualTo(RUNNING);
            assertThat(still.worker()).isEqualTo("worker-1");
        });
        assertThat(server().visible(brief.jobsQueue()) + server().inFlight(brief.jobsQueue())).isZero();

        // and once the lease has expired, reclaiming it sends the job to a worker again
        clock.advance(lease.plusSeconds(1));
        assertThat(other.reclaimExpiredLeases()).isEqualTo(1);
        assertThat(other.claim("worker-2", 1, PROMPTLY)).singleElement()
                .satisfies(job -> assertThat(job.attempts()).isEqualTo(running.attempts() + 1));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesWithoutBeingSettledIsRedrivenToTheDeadLettersAndCanBeMovedBack()
            throws Exception {
        // given: queues that give a message two receives, and a job
        TestSqs twice = database.closeLater(new TestSqs(Duration.ofSeconds(30), 2));
        SqsJobQueue worker = twice.queue(database, clock, RETRY, LEASE);
        NewJob job = newJob();
        worker.enqueue(List.of(job));
        twice.awaitClaimable(1);

        // when: two consumers receive its message and die before they settle it
        for (int i = 0; i < 2; i++) {
            assertThat(server().receive(twice.jobsQueue(), Duration.ofSeconds(5), Duration.ZERO)).hasSize(1);
        }

        // then: SQS moves it to the dead letters instead of delivering it a third time
        assertThat(worker.claim("worker-1", 1, Duration.ofSeconds(2))).isEmpty();
        TestBroker.await(() -> server().visible(twice.deadLetters()) == 1, "the message redriven");
        Message redriven = server().receive(twice.deadLetters(), Duration.ZERO, Duration.ofSeconds(30)).getFirst();
        assertThat(redriven.body()).isEqualTo(job.id().toString());
        assertThat(redriven.messageAttributes()).doesNotContainKey("x-pixbox-reason");
        assertThat(worker.find(job.id()).orElseThrow().state()).as("the table's record").isEqualTo(QUEUED);

        // and moved back to the jobs queue by a person, it is claimed as any other
        server().send(twice.jobsQueue(), redriven.body());
        assertThat(worker.claim("worker-1", 1, PROMPTLY)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void aClaimReceivesUpToTenMessagesARequest() throws Exception {
        // given
        Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        SqsJobQueue counted = sqs.queue(database, clock, RETRY, LEASE, counting(requests));
        counted.enqueue(IntStream.range(0, 25).mapToObj(i -> newJob()).toList());
        sqs.awaitClaimable(25);

        // when
        List<Job> claimed = counted.claim("worker-1", 25, Duration.ZERO);

        // then
        assertThat(claimed).hasSize(25).allSatisfy(job -> assertThat(job.state()).isEqualTo(RUNNING));
        assertThat(requests.get("ReceiveMessageRequest")).hasValue(3);
    }

    @Test
    void aClaimDeletesTheMessagesItNeedsNotInBatchesOfTen() throws Exception {
        // given: twelve messages of jobs deleted with their images
        Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        SqsJobQueue counted = sqs.queue(database, clock, RETRY, LEASE, counting(requests));
        List<NewJob> jobs = IntStream.range(0, 12).mapToObj(i -> newJob()).toList();
        counted.enqueue(jobs);
        jobs.forEach(job -> counted.deleteForImage(job.imageId()));
        sqs.awaitClaimable(12);

        // when
        List<Job> claimed = counted.claim("worker-1", 12, Duration.ZERO);

        // then
        assertThat(claimed).isEmpty();
        assertThat(requests.get("DeleteMessageBatchRequest")).hasValue(2);
        assertThat(requests).doesNotContainKey("DeleteMessageRequest");
        assertThat(server().visible(sqs.jobsQueue()) + server().inFlight(sqs.jobsQueue())).isZero();
    }

    @Test
    void aMessageThatArrivesBeforeItsJobsBackOffEndsIsSentOnForTheRestOfItsWaitAtMostFifteenMinutes() throws Exception {
        // given: a job waiting out a back-off of 20 minutes, longer than SQS delays a message, and a second copy of
        // its message, as a relay sends after a crash
        JobQueue patient = sqs.queue(database, clock, new RetryPolicy(2, Duration.ofMinutes(20), 2.0,
                Duration.ofMinutes(20)), LEASE);
        patient.enqueue(List.of(newJob()));
        awaitClaimable(patient, 1);
        Job job = patient.claim("worker-1", 1, Duration.ZERO).getFirst();
        patient.failed(job, UNAVAILABLE);
        TestBroker.await(() -> server().delayed(sqs.jobsQueue()) == 1, "the retry delayed");
        server().send(sqs.jobsQueue(), job.id().toString());

        // when
        List<Job> early = patient.claim("worker-2", 1, Duration.ofSeconds(2));

        // then: both copies wait, delayed, and the job is still waiting for its retry
        assertThat(early).isEmpty();
        assertThat(patient.find(job.id()).orElseThrow().state()).isEqualTo(QUEUED);
        assertThat(server().delayed(sqs.jobsQueue())).isEqualTo(2);
        assertThat(server().visible(sqs.jobsQueue()) + server().inFlight(sqs.jobsQueue())).isZero();
    }

    @Test
    void theRelaySendsWhatAProcessLeftInTheOutboxWhenItCrashed() throws Exception {
        // given: a job committed with its message by a process that died before relaying it
        ((SqsJobQueue) queue).close();
        NewJob job = newJob();
        JobRecords records = new JobRecords(database.dataSource(), clock, RETRY, LEASE);
        Outbox outbox = new Outbox(database.dataSource(), true);
        database.inTransaction(status -> {
            records.insert(List.of(job), records.now());
            outbox.add(job.id(), sqs.jobsQueue(), null, records.now());
        });
        // Nothing is sent for as long as a few of the relay's polls take: no relay runs to send it.
        await().during(SOME_POLLS).atMost(SOME_POLLS.multipliedBy(5))
                .until(() -> server().visible(sqs.jobsQueue()) == 0);

        // when: another process starts
        JobQueue restarted = sqs.queue(database, clock, RETRY, LEASE);

        // then: its relay finds the message and a worker gets the job
        assertThat(restarted.claim("worker-1", 1, PROMPTLY)).extracting(Job::id).containsExactly(job.id());
        TestBroker.await(() -> outboxRows() == 0, "the row deleted once sent");
    }

    @Test
    void anOutboxRowForAQueueThatIsNotTheJobQueuesStaysInTheOutboxAndHoldsUpNoOther() throws Exception {
        // given
        Outbox outbox = new Outbox(database.dataSource(), true);
        database.inTransaction(status -> outbox.add(UUID.randomUUID(), "elsewhere", null, clock.instant()));

        // when: a job is queued after it
        NewJob job = enqueued();

        // then: the job's message went out, past the row that could not
        assertThat(queue.claim("worker-1", 1, PROMPTLY)).extracting(Job::id).containsExactly(job.id());
        TestBroker.await(() -> outboxRows() == 1, "the job's row deleted once sent");
        assertThat(JdbcClient.create(database.dataSource()).sql("SELECT destination FROM outbox").query(String.class)
                .single()).isEqualTo("elsewhere");
    }

    private long outboxRows() {
        return JdbcClient.create(database.dataSource()).sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private ElasticMqServer server() {
        return sqs.server();
    }

    /** Adds an interceptor that counts the client's requests by type. */
    private static UnaryOperator<SqsAsyncClientBuilder> counting(
            Map<String, AtomicInteger> requests) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.computeIfAbsent(context.request().getClass().getSimpleName(), type -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
        return builder -> builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(counter).build());
    }
}
