package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The {@link JobQueue} on Amazon SQS: the jobs table keeps the records, and a standard SQS queue delivers their ids,
 * relayed from the outbox (see {@link RelayedJobQueue}). A claim long-polls for up to ten messages a request; a
 * received message stays hidden from other workers for the visibility timeout, which every heartbeat of its job
 * renews, and is deleted once the job is finished or given back. A retry waits out its back-off as the message's
 * delay, at most SQS's 15 minutes, and is sent on for the rest when it comes back earlier.
 */
final class SqsJobQueue extends RelayedJobQueue<Message> {

    private static final Logger log = LoggerFactory.getLogger(SqsJobQueue.class);
    /** The most messages one receive, delete or visibility change takes. */
    private static final int BATCH = 10;
    /** How much longer than its long poll a receive may take to answer before the claim gives up on it. */
    private static final Duration RECEIVE_GRACE = Duration.ofSeconds(30);
    /** How long a look at the queue's message counts may take. */
    private static final Duration ATTRIBUTES_TIMEOUT = Duration.ofSeconds(5);

    private final SqsAsyncClient sqs;
    private final QueueProperties.Sqs settings;
    private final SqsQueues queues;
    /** Receives under way, cancelled on close so that none outlives the client. */
    private final Set<CompletableFuture<?>> receiving = ConcurrentHashMap.newKeySet();

    /**
     * Finds or creates the queues and starts the relay; the queue closes the client when it closes.
     *
     * @throws QueueSetupException when SQS cannot be reached, refuses, a queue is missing, or the visibility timeout
     *                             would expire between two heartbeats
     */
    SqsJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock, RetryPolicy retry,
                Duration lease, SqsAsyncClient sqs, QueueProperties.Sqs settings) {
        super(dataSource, transactionManager, clock, retry, lease);
        this.sqs = sqs;
        this.settings = settings;
        // A worker renews its jobs' leases every third of the lease; the message must stay hidden until the next.
        if (settings.visibilityTimeout().compareTo(lease.dividedBy(3)) <= 0) {
            throw QueueSetupException.sqsVisibilityTooShort(settings.visibilityTimeout(), lease);
        }
        this.queues = SqsQueues.prepare(sqs, settings);
        startRelay(new SqsPublisher(sqs, queues, records), "SQS", settings.outboxPollInterval());
    }

    @Override
    public List<Job> claim(String worker, int max, Duration wait) throws InterruptedException {
        checkClaim(worker, max);
        // A message received and shown again counts towards the redrive policy's receives: while the database
        // cannot record claims, receiving would use them up and move the jobs' messages to the dead letters.
        records.requireReachable();
        long deadline = System.nanoTime() + wait.toNanos();
        Map<UUID, Message> claimed = new LinkedHashMap<>();
        List<Message> unneeded = new ArrayList<>();
        List<Message> received = List.of();
        int taken = 0;
        try {
            while (claimed.size() < max) {
                // Waits only until the first claim; then takes what is there already.
                Duration left = claimed.isEmpty() ? Duration.ofNanos(deadline - System.nanoTime()) : Duration.ZERO;
                int asked = Math.min(BATCH, max - claimed.size());
                received = receive(asked, left);
                for (taken = 0; taken < received.size(); taken++) {
                    take(received.get(taken), worker, claimed, unneeded);
                }
                boolean drained = received.size() < asked;
                if ((drained && !claimed.isEmpty()) || (received.isEmpty() && !left.isPositive())) {
                    break;
                }
            }
            delete(unneeded);
            return hold(claimed);
        } catch (RuntimeException | InterruptedException e) {
            // Shown to other workers again at once; a job claimed meanwhile comes back once its lease is reclaimed.
            List<Message> back = new ArrayList<>(claimed.values());
            back.addAll(received.subList(Math.min(taken, received.size()), received.size()));
            showAgain(back);
            throw e;
        }
    }

    /** Claims the message's job for {@code worker}, or notes or forwards a message that cannot be claimed. */
    private void take(Message message, String worker, Map<UUID, Message> claimed, List<Message> unneeded) {
        var id = jobId(message.body());
        if (id.isEmpty()) {
            log.warn("Moving a message that is not a job id to {}", queues.deadLetters());
            var attributes = new LinkedHashMap<>(message.messageAttributes());
            attributes.putAll(SqsPublisher.reason(NOT_A_JOB));
            forward(message, queues.deadLetters(), attributes, 0);
            return;
        }
        switch (take(id.get(), worker)) {
            case Take.Claimed claimedNow -> claimed.put(id.get(), message);
            case Take.Early early -> forward(message, queues.jobs(), message.messageAttributes(),
                    SqsPublisher.delay(early.left()));
            case Take.Unneeded dropped -> unneeded.add(message);
        }
    }

    /**
     * Sends a copy of the message to {@code queue}, then deletes the original; if the copy cannot be sent, the
     * original comes back after its visibility timeout, and SQS's redrive policy ends a message that never can.
     */
    private void forward(Message message, String queue, Map<String, MessageAttributeValue> attributes,
                         int delaySeconds) {
        try {
            SqsQueues.await(sqs.sendMessage(SqsPublisher.message(queues.url(queue).orElseThrow(), message.body(),
                    attributes, delaySeconds)));
            settle(message);
        } catch (SdkException e) {
            log.warn("Cannot move a message to {}: {}", queue, e.getMessage());
        }
    }

    /** Receives up to {@code max} messages, long-polling for up to {@code wait} (in whole seconds, rounded up). */
    private List<Message> receive(int max, Duration wait) throws InterruptedException {
        int seconds = Math.min(SqsPublisher.delay(wait), Math.toIntExact(settings.waitTime().toSeconds()));
        CompletableFuture<ReceiveMessageResponse> call = sqs.receiveMessage(request -> request
                .queueUrl(queues.jobsUrl())
                .maxNumberOfMessages(max)
                .waitTimeSeconds(seconds)
                .visibilityTimeout(Math.toIntExact(settings.visibilityTimeout().toSeconds()))
                .messageAttributeNames("All"));
        receiving.add(call);
        call.whenComplete((response, failure) -> receiving.remove(call));
        try {
            // A timed wait, rather than join, so that an interrupt (a worker stopping) ends it.
            return call.get(seconds + RECEIVE_GRACE.toSeconds(), TimeUnit.SECONDS).messages();
        } catch (InterruptedException e) {
            // Messages that arrive after all are shown to other workers again.
            call.thenAccept(late -> showAgain(late.messages()));
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            call.thenAccept(late -> showAgain(late.messages()));
            throw SdkClientException.create("SQS did not answer a receive within " + (seconds
                    + RECEIVE_GRACE.toSeconds()) + "s", e);
        }
    }

    /** Hides the held message of a job whose lease was renewed for another visibility timeout. */
    @Override
    public boolean heartbeat(Job job) {
        boolean renewed = super.heartbeat(job);
        if (renewed) {
            delivery(job).ifPresent(message -> {
                try {
                    SqsQueues.await(sqs.changeMessageVisibility(request -> request.queueUrl(queues.jobsUrl())
                            .receiptHandle(message.receiptHandle())
                            .visibilityTimeout(Math.toIntExact(settings.visibilityTimeout().toSeconds()))));
                } catch (SdkException e) {
                    // Shown again, another worker finds the job running under this claim and drops the message.
                    log.warn("Cannot keep the message of job {} hidden: {}", job.id(), e.getMessage());
                }
            });
        }
        return renewed;
    }

    @Override
    String jobsQueue() {
        return queues.jobs();
    }

    @Override
    String deadLetters() {
        return queues.deadLetters();
    }

    /** The jobs queue itself: the relay delays the message until its job is ready. */
    @Override
    String retryQueue(Duration backOff) {
        return queues.jobs();
    }

    /** Deletes the message; one whose receipt expired meanwhile comes again and is dropped then. */
    @Override
    void settle(Message message) {
        try {
            SqsQueues.await(sqs.deleteMessage(request -> request.queueUrl(queues.jobsUrl())
                    .receiptHandle(message.receiptHandle())));
        } catch (SdkException e) {
            log.debug("Could not delete message {}: {}", message.messageId(), e.getMessage());
        }
    }

    /**
     * How many messages the jobs queue holds, as SQS answers within {@code timeout}: the health check's question.
     *
     * @throws RuntimeException when SQS does not answer in time or refuses
     */
    Map<String, String> queueAttributes(Duration timeout) {
        try {
            return sqs.getQueueAttributes(request -> request.queueUrl(queues.jobsUrl()).attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .join().attributesAsStrings();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** SQS's approximate number of visible messages, which leaves out those received (in flight) and delayed. */
    @Override
    long waitingMessages() {
        return Long.parseLong(queueAttributes(ATTRIBUTES_TIMEOUT)
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES.toString()));
    }

    /** The jobs queue's URL, for health and logs. */
    String jobsQueueUrl() {
        return queues.jobsUrl();
    }

    /** Stops the relay and closes the client; SQS shows the messages of claims not finished again in time. */
    @Override
    public void close() throws InterruptedException {
        super.close();
        receiving.forEach(call -> call.cancel(true));
        sqs.close();
    }

    /** Deletes messages ten to a request. */
    private void delete(List<Message> messages) {
        for (List<Message> batch : batches(messages)) {
            try {
                SqsQueues.await(sqs.deleteMessageBatch(request -> request.queueUrl(queues.jobsUrl())
                        .entries(batch.stream().map(message -> DeleteMessageBatchRequestEntry.builder()
                                .id(Integer.toString(batch.indexOf(message)))
                                .receiptHandle(message.receiptHandle()).build()).toList())));
            } catch (SdkException e) {
                log.debug("Could not delete {} message(s): {}", batch.size(), e.getMessage());
            }
        }
    }

    /** Makes messages visible to every worker again now, ten to a request. */
    private void showAgain(List<Message> messages) {
        for (List<Message> batch : batches(messages)) {
            try {
                SqsQueues.await(sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queues.jobsUrl())
                        .entries(batch.stream().map(message -> ChangeMessageVisibilityBatchRequestEntry.builder()
                                .id(Integer.toString(batch.indexOf(message)))
                                .receiptHandle(message.receiptHandle()).visibilityTimeout(0).build()).toList())));
            } catch (SdkException e) {
                log.debug("Could not show {} message(s) again: {}", batch.size(), e.getMessage());
            }
        }
    }

    private static List<List<Message>> batches(List<Message> messages) {
        List<List<Message>> batches = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            batches.add(messages.subList(from, Math.min(from + BATCH, messages.size())));
        }
        return batches;
    }
}
