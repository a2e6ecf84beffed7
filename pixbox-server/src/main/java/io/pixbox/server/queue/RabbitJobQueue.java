package io.pixbox.server.queue;

import com.rabbitmq.client.AMQP;
import io.pixbox.server.queue.JobDeliveries.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link JobQueue} on RabbitMQ: the jobs table keeps the records, as for the database queue, and RabbitMQ
 * delivers their ids. Every change that makes a job ready, or dead, writes a message to the outbox in the same
 * transaction, which the relay publishes with confirms: to the jobs queue, to the delay queue of a retry's back-off,
 * or to the dead letters.
 *
 * <p>A delivery becomes a claim only if its job can move from queued to running; a delivery for a job that is gone,
 * running under another claim or finished is acknowledged and dropped, so that redelivery never runs a job twice.
 * A claim's delivery stays unacknowledged until the job is finished or given back; if the process dies, the broker
 * delivers the message again and the expired lease, once reclaimed, sends a new one.
 */
final class RabbitJobQueue implements JobQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RabbitJobQueue.class);
    private static final String NOT_A_JOB = "message.not_a_job: the message's body is not a job id";

    private final JobRecords records;
    private final TransactionTemplate transactions;
    private final RetryPolicy retry;
    private final RabbitTopology topology;
    private final Outbox outbox;
    private final RabbitPublisher publisher;
    private final OutboxRelay relay;
    private final JobDeliveries deliveries;
    /** The deliveries of this process's claims, until the claim is finished or given back. */
    private final Map<Claim, Delivery> held = new ConcurrentHashMap<>();

    /**
     * Declares the topology and starts the relay.
     *
     * @param prefetch how many jobs the broker sends this process before it acknowledges any: as many as it runs at once
     * @throws QueueSetupException when RabbitMQ cannot be reached or a queue exists with other arguments
     */
    RabbitJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock, RetryPolicy retry,
                   Duration lease, ConnectionFactory connections, QueueProperties.Rabbitmq settings, int prefetch) {
        this.records = new JobRecords(dataSource, clock, retry, lease);
        this.transactions = new TransactionTemplate(transactionManager);
        this.retry = retry;
        this.topology = new RabbitTopology(settings, retry);
        declare(connections);
        this.outbox = new Outbox(dataSource, records.postgres());
        this.publisher = new RabbitPublisher(connections);
        this.relay = new OutboxRelay(outbox, transactions, publisher, settings.outboxPollInterval());
        this.deliveries = new JobDeliveries(connections, topology.jobs(), prefetch);
        relay.start();
    }

    @Override
    public void enqueue(Collection<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Instant now = records.now();
            records.insert(jobs, now);
            jobs.forEach(job -> send(job.id(), topology.jobs(), null, now));
        });
    }

    @Override
    public List<Job> claim(String worker, int max, Duration wait) throws InterruptedException {
        Objects.requireNonNull(worker, "worker");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        deliveries.subscribe();
        long deadline = System.nanoTime() + wait.toNanos();
        Map<UUID, Delivery> claimed = new LinkedHashMap<>();
        Delivery taking = null;
        try {
            while (claimed.size() < max) {
                // Waits only until the first claim; then takes what has arrived already.
                Duration left = claimed.isEmpty() ? Duration.ofNanos(deadline - System.nanoTime()) : Duration.ZERO;
                taking = deliveries.next(left).orElse(null);
                if (taking == null) {
                    break;
                }
                Optional<UUID> job = take(taking, worker);
                if (job.isPresent()) {
                    claimed.put(job.get(), taking);
                }
                taking = null;
            }
            List<Job> jobs = claimed.isEmpty() ? List.of() : records.find(List.copyOf(claimed.keySet()));
            jobs.forEach(job -> held.put(Claim.of(job), claimed.remove(job.id())));
            // Deleted with their image since they were claimed: nothing is left to run.
            claimed.values().forEach(Delivery::ack);
            return jobs;
        } catch (RuntimeException | InterruptedException e) {
            // The broker delivers these again; a job claimed meanwhile comes back once its lease is reclaimed.
            if (taking != null) {
                taking.requeue();
            }
            claimed.values().forEach(Delivery::requeue);
            throw e;
        }
    }

    /** Claims the delivery's job for {@code worker}, or settles a delivery that cannot be claimed. */
    private Optional<UUID> take(Delivery delivery, String worker) {
        Optional<UUID> id = delivery.job();
        if (id.isEmpty()) {
            log.warn("Moving a message that is not a job id to {}", topology.deadLetters());
            forward(delivery, topology.deadLetters(), NOT_A_JOB);
            return Optional.empty();
        }
        Instant now = records.now();
        if (records.claim(id.get(), worker, now)) {
            return id;
        }
        Optional<Job> job = records.find(id.get());
        if (job.isPresent() && job.get().state() == JobState.QUEUED && job.get().runAt().isAfter(now)) {
            // Early: a copy sent twice, or this clock behind the one that set the back-off. Its job waits for it.
            forward(delivery, topology.delayQueue(Duration.between(now, job.get().runAt())), null);
        } else {
            // Gone with its image, running under another claim, or finished: the job needs nothing from it.
            delivery.ack();
        }
        return Optional.empty();
    }

    /** Publishes a copy of the delivery to {@code queue}, with a reason if given, then removes the original. */
    private void forward(Delivery delivery, String queue, String reason) {
        Map<String, Object> headers = new HashMap<>(Objects.requireNonNullElse(delivery.properties().getHeaders(),
                Map.of()));
        if (reason != null) {
            headers.put(OutboxRelay.REASON, reason);
        }
        AMQP.BasicProperties properties = delivery.properties().builder().headers(headers).build();
        try {
            if (publisher.publish(new RabbitPublisher.Message(queue, delivery.body(), properties))) {
                delivery.ack();
                return;
            }
        } catch (AmqpException e) {
            log.warn("Cannot move a message to {}: {}", queue, e.getMessage());
        }
        delivery.requeue();
    }

    @Override
    public boolean heartbeat(Job job) {
        return records.heartbeat(job, records.now());
    }

    @Override
    public boolean succeeded(Job job) {
        Delivery delivery = held.remove(Claim.of(job));
        try {
            return records.succeed(job, records.now());
        } finally {
            settle(delivery);
        }
    }

    @Override
    public Optional<Job> failed(Job job, JobFailure failure) {
        Delivery delivery = held.remove(Claim.of(job));
        try {
            return transactions.execute(status -> {
                Instant now = records.now();
                Optional<JobState> next = records.fail(job, failure, now);
                if (next.isEmpty()) {
                    return Optional.<Job>empty();
                }
                Job failed = records.find(job.id()).orElseThrow();
                switch (next.get()) {
                    case QUEUED -> send(job.id(), topology.delayQueue(retry.delayAfter(job.attempts())), null, now);
                    case DEAD -> send(job.id(), topology.deadLetters(), reason(failed.errorCode(), failed.error()), now);
                    // A failed job cannot succeed by trying again: the table says why, and no queue needs it.
                    default -> {
                    }
                }
                return Optional.of(failed);
            });
        } finally {
            settle(delivery);
        }
    }

    /** Queues the job again through the outbox, like every other change that makes a job ready. */
    @Override
    public void release(Job job) {
        Delivery delivery = held.remove(Claim.of(job));
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = records.now();
                if (records.release(job, now)) {
                    send(job.id(), topology.jobs(), null, now);
                }
            });
        } finally {
            settle(delivery);
        }
    }

    @Override
    public int reclaimExpiredLeases() {
        return transactions.execute(status -> {
            Instant now = records.now();
            JobRecords.Reclaimed reclaimed = records.reclaim(now);
            reclaimed.queued().forEach(job -> send(job, topology.jobs(), null, now));
            String expired = reason(JobRecords.LEASE_EXPIRED.code(), JobRecords.LEASE_EXPIRED.message());
            reclaimed.dead().forEach(job -> send(job, topology.deadLetters(), expired, now));
            return reclaimed.count();
        });
    }

    @Override
    public Optional<Job> requeue(UUID id) {
        return transactions.execute(status -> {
            Instant now = records.now();
            if (!records.requeue(id, now)) {
                return Optional.<Job>empty();
            }
            send(id, topology.jobs(), null, now);
            return records.find(id);
        });
    }

    @Override
    public Optional<Job> find(UUID id) {
        return records.find(id);
    }

    @Override
    public List<Job> forImage(UUID imageId) {
        return records.forImage(imageId);
    }

    /** Leaves the jobs' messages be: each is dropped when it arrives and finds no job. */
    @Override
    public void deleteForImage(UUID imageId) {
        records.deleteForImage(imageId);
    }

    @Override
    public Map<JobState, Long> countByState() {
        return records.countByState();
    }

    @Override
    public long depth() {
        return records.depth(records.now());
    }

    /** How many deliveries wait for a claim, subscribing first; see {@link JobDeliveries#waiting()}. */
    int waitingDeliveries() {
        deliveries.subscribe();
        return deliveries.waiting();
    }

    /** Stops the relay and the consumer; the broker puts back the messages of claims not finished. */
    @Override
    public void close() throws InterruptedException {
        relay.close();
        deliveries.close();
        publisher.close();
    }

    /** Writes a message about {@code job} for {@code queue} to the outbox, and wakes the relay once it commits. */
    private void send(UUID job, String queue, String reason, Instant now) {
        outbox.add(job, queue, reason, now);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /**
     * Acknowledges a finished claim's delivery, whatever became of the job: if the claim was lost, the job is
     * another claim's now, or its expired lease will be reclaimed, which sends a message of its own.
     */
    private static void settle(Delivery delivery) {
        if (delivery != null) {
            delivery.ack();
        }
    }

    /** The {@code x-pixbox-reason} of a dead letter, such as {@code storage.unavailable: the store did not answer}. */
    private static String reason(String code, String message) {
        return code + ": " + message;
    }

    private void declare(ConnectionFactory connections) {
        try {
            topology.declare(connections);
        } catch (AmqpException e) {
            throw QueueSetupException.rabbitUnavailable(connections, topology, e);
        }
    }

    /** One claim of a job: the same worker and attempt, as the jobs table checks before any change. */
    private record Claim(UUID job, String worker, int attempts) {

        static Claim of(Job job) {
            return new Claim(job.id(), job.worker(), job.attempts());
        }
    }
}
