package io.pixbox.server.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends the outbox's messages to SQS, ten to a batch request. A message for the jobs queue is delayed until its
 * job is ready (a retry's back-off), for at most SQS's limit of 15 minutes: one that comes back earlier is sent on
 * with the rest of its wait. A dead letter carries its reason as a message attribute.
 */
final class SqsPublisher implements OutboxRelay.Publisher {

    /** The longest {@code DelaySeconds} SQS takes. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int BATCH = 10;

    private final SqsAsyncClient sqs;
    private final SqsQueues queues;
    private final JobRecords records;

    SqsPublisher(SqsAsyncClient sqs, SqsQueues queues, JobRecords records) {
        this.sqs = sqs;
        this.queues = queues;
        this.records = records;
    }

    @Override
    public BitSet publish(List<Outbox.Message> messages) {
        if (messages.isEmpty()) {
            return new BitSet();
        }
        Map<UUID, Instant> readyAt = records.find(messages.stream().map(Outbox.Message::job).distinct().toList())
                .stream().collect(Collectors.toMap(Job::id, Job::runAt));
        Instant now = records.now();
        // Positions by queue, then in batches: one request carries messages of one queue only.
        Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            byQueue.computeIfAbsent(messages.get(i).queue(), queue -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<SendMessageBatchResponse>> sent = new ArrayList<>();
        byQueue.forEach((queue, positions) -> queues.url(queue).ifPresent(url -> {
            // A queue that is not one of the job queue's takes nothing: the rows stay, as for an unroutable message.
            for (int from = 0; from < positions.size(); from += BATCH) {
                List<Integer> batch = positions.subList(from, Math.min(from + BATCH, positions.size()));
                List<SendMessageBatchRequestEntry> entries = batch.stream().map(i -> entry(i, messages.get(i),
                        queue.equals(queues.jobs()) ? delay(readyAt.get(messages.get(i).job()), now) : 0)).toList();
                sent.add(sqs.sendMessageBatch(request -> request.queueUrl(url).entries(entries)));
            }
        }));
        BitSet taken = new BitSet(messages.size());
        RuntimeException failure = null;
        for (CompletableFuture<SendMessageBatchResponse> batch : sent) {
            try {
                SqsQueues.await(batch).successful().forEach(ok -> taken.set(Integer.parseInt(ok.id())));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (taken.isEmpty() && failure != null) {
            throw failure;
        }
        return taken;
    }

    /** A message sent straight to {@code url}, not from the outbox: a copy forwarded by a claim. */
    static SendMessageRequest message(String url, String body, Map<String, MessageAttributeValue> attributes,
                                      int delaySeconds) {
        return SendMessageRequest.builder().queueUrl(url).messageBody(body).messageAttributes(attributes)
                .delaySeconds(delaySeconds).build();
    }

    /** The seconds from {@code now} until {@code readyAt}, rounded up, at most SQS's limit; 0 for a job gone. */
    static int delay(Instant readyAt, Instant now) {
        return readyAt == null ? 0 : delay(Duration.between(now, readyAt));
    }

    /** {@code wait} in whole seconds, rounded up so that a message never comes before its time, at most SQS's limit. */
    static int delay(Duration wait) {
        if (!wait.isPositive()) {
            return 0;
        }
        Duration capped = wait.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : wait;
        return Math.toIntExact(capped.plusNanos(999_999_999).toSeconds());
    }

    /** The reason attribute of a dead letter. */
    static Map<String, MessageAttributeValue> reason(String reason) {
        return Map.of(OutboxRelay.REASON, MessageAttributeValue.builder().dataType("String").stringValue(reason).build());
    }

    private static SendMessageBatchRequestEntry entry(int position, Outbox.Message message, int delaySeconds) {
        return SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(position))
                .messageBody(message.job().toString())
                .delaySeconds(delaySeconds)
                .messageAttributes(message.reason() == null ? Map.of() : reason(message.reason()))
                .build();
    }
}
