package io.pixbox.server.queue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS server (ElasticMQ) in the test's own process, on a free port of 127.0.0.1, speaking the real protocol, for
 * any test that needs SQS; and a client to set up and look at its queues. It takes any credentials. Tests keep
 * apart by queue names of their own, so one {@link #shared()} server can serve a whole test run.
 */
public final class ElasticMqServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "pixbox-test";
    public static final String SECRET_KEY = "pixbox-test-secret";

    private static ElasticMqServer shared;

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqServer() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** A server of the caller's own, stopped by {@link #close()}. */
    public static ElasticMqServer start() {
        return new ElasticMqServer();
    }

    /** The server of the whole test run, started on first use and stopped when the JVM exits. */
    public static synchronized ElasticMqServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(shared::close));
        }
        return shared;
    }

    /** Where SQS clients reach it, such as http://127.0.0.1:40123. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client of the server, closed with it. */
    public SqsClient client() {
        return client;
    }

    /** Creates a queue, with the attributes given, and answers its URL. */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    public String queueUrl(String name) {
        return client.getQueueUrl(request -> request.queueName(name)).queueUrl();
    }

    public void deleteQueue(String name) {
        client.deleteQueue(request -> request.queueUrl(queueUrl(name)));
    }

    /** Sends a message with a body of the caller's choosing, as anything else that writes to the queue may. */
    public void send(String queue, String body) {
        client.sendMessage(request -> request.queueUrl(queueUrl(queue)).messageBody(body));
    }

    /**
     * Receives up to ten messages of {@code queue} with their attributes, waiting up to {@code wait} (whole seconds)
     * for any, and hiding them for {@code visibility}; does not delete them.
     */
    public List<Message> receive(String queue, Duration wait, Duration visibility) {
        return client.receiveMessage(request -> request.queueUrl(queueUrl(queue)).maxNumberOfMessages(10)
                .waitTimeSeconds(Math.toIntExact(wait.toSeconds()))
                .visibilityTimeout(Math.toIntExact(visibility.toSeconds()))
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    /** One of the queue's approximate counts, which ElasticMQ keeps exact: visible, in flight or delayed messages. */
    public long count(String queue, QueueAttributeName count) {
        return Long.parseLong(client.getQueueAttributes(request -> request.queueUrl(queueUrl(queue))
                .attributeNames(count)).attributes().get(count));
    }

    /** Messages waiting to be received now. */
    public long visible(String queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages received and not deleted, hidden until their visibility timeout ends. */
    public long inFlight(String queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    /** Messages sent with a delay that has not ended yet. */
    public long delayed(String queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
