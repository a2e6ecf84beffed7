package io.pixbox.server.queue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The SQS queues of the job queue, found by name at start-up or created: the dead letters, and the standard queue
 * workers receive from, whose redrive policy moves a message SQS delivered max-receive-count times without it being
 * settled to the dead letters.
 */
final class SqsQueues {

    /** As long as SQS keeps any message, so that a dead letter waits for a person. */
    private static final String FOURTEEN_DAYS = "1209600";

    private final String jobs;
    private final String deadLetters;
    private final Map<String, String> urls;

    private SqsQueues(String jobs, String deadLetters, Map<String, String> urls) {
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.urls = urls;
    }

    /**
     * Finds the queues, creating those missing when the settings allow.
     *
     * @throws QueueSetupException when SQS cannot be reached, refuses, or a queue is missing and may not be created
     */
    static SqsQueues prepare(SqsAsyncClient sqs, QueueProperties.Sqs settings) {
        String service = service(sqs);
        List<String> names = List.of(settings.queueName(), settings.deadLetters());
        try {
            String deadUrl = find(sqs, settings.deadLetters(), settings, service,
                    Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, FOURTEEN_DAYS));
            String deadArn = await(sqs.getQueueAttributes(request -> request.queueUrl(deadUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN))).attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":\""
                    + settings.maxReceiveCount() + "\"}";
            String jobsUrl = find(sqs, settings.queueName(), settings, service, Map.of(
                    QueueAttributeName.REDRIVE_POLICY, redrive,
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(settings.visibilityTimeout().toSeconds())));
            return new SqsQueues(settings.queueName(), settings.deadLetters(),
                    Map.of(settings.queueName(), jobsUrl, settings.deadLetters(), deadUrl));
        } catch (SdkClientException e) {
            throw QueueSetupException.sqsUnreachable(service, e);
        } catch (SqsException e) {
            throw QueueSetupException.sqsRefused(service, names, e);
        }
    }

    String jobs() {
        return jobs;
    }

    String deadLetters() {
        return deadLetters;
    }

    /** The URL of the queue of that name, if it is one of these. */
    Optional<String> url(String name) {
        return Optional.ofNullable(urls.get(name));
    }

    String jobsUrl() {
        return urls.get(jobs);
    }

    /** The service's address for messages: the endpoint given, or AWS SQS and the region. */
    static String service(SqsAsyncClient sqs) {
        var configuration = sqs.serviceClientConfiguration();
        return configuration.endpointOverride().map(URI::toString).orElse("AWS SQS " + configuration.region());
    }

    /** The result of an SQS call, waiting for it; an SQS error is thrown as itself rather than wrapped. */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static String find(SqsAsyncClient sqs, String name, QueueProperties.Sqs settings, String service,
                               Map<QueueAttributeName, String> attributes) {
        try {
            return await(sqs.getQueueUrl(request -> request.queueName(name))).queueUrl();
        } catch (QueueDoesNotExistException e) {
            if (!settings.createQueues()) {
                throw QueueSetupException.sqsQueueMissing(service, name, e);
            }
            // Two processes starting at once both create it: with the same attributes, SQS answers both with its URL.
            return await(sqs.createQueue(request -> request.queueName(name).attributes(attributes))).queueUrl();
        }
    }
}
