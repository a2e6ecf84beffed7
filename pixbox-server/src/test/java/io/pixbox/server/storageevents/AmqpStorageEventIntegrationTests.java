package io.pixbox.server.storageevents;

import io.pixbox.server.storageevents.StorageEvent.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Storage events from AMQP, in the format MinIO's AMQP notification target publishes (the machine's RabbitMQ, a
 * queue of this test's own, MinIO publishing to it through an exchange the test binds it to).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AmqpStorageEventIntegrationTests extends StorageEventContract {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String QUEUE = "pixbox.test.storage-events." + SUFFIX;
    private static final String EXCHANGE = "pixbox.test.minio." + SUFFIX;

    @Autowired
    RabbitTemplate rabbit;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        storeSettings(registry);
        CachingConnectionFactory connection = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            // MinIO declares its exchange when its AMQP target starts: here the test does.
            new RabbitAdmin(connection).declareExchange(new org.springframework.amqp.core.TopicExchange(EXCHANGE, false, true));
        } finally {
            connection.destroy();
        }
        registry.add("pixbox.storage-events.source", () -> "amqp");
        registry.add("pixbox.storage-events.amqp.queue", () -> QUEUE);
        registry.add("pixbox.storage-events.amqp.exchange", () -> EXCHANGE);
        registry.add("pixbox.storage-events.amqp.routing-key", () -> "bucketlogs");
    }

    @AfterAll
    static void removeQueue() {
        CachingConnectionFactory connection = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(connection);
            admin.deleteQueue(QUEUE);
            admin.deleteExchange(EXCHANGE);
        } finally {
            connection.destroy();
        }
    }

    @Override
    void deliver(Kind kind, String bucket, String key) {
        deliverRaw(minioNotification(kind, bucket, key));
    }

    @Override
    void deliverRaw(String body) {
        rabbit.send(EXCHANGE, "bucketlogs", new org.springframework.amqp.core.Message(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A bucket notification as MinIO publishes it to AMQP: its whole key URL-encoded, slashes too. */
    static String minioNotification(Kind kind, String bucket, String key) {
        String name = kind == Kind.CREATED ? "s3:ObjectCreated:Put" : "s3:ObjectRemoved:Delete";
        return """
                {"EventName":"%s","Key":"%s/%s","Records":[{"eventVersion":"2.0","eventSource":"minio:s3",
                "awsRegion":"","eventTime":"%s","eventName":"%s","userIdentity":{"principalId":"minioadmin"},
                "requestParameters":{"principalId":"minioadmin","region":"","sourceIPAddress":"127.0.0.1"},
                "responseElements":{"x-amz-id-2":"dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8",
                "x-amz-request-id":"1873EF4D3B6E8D1A","x-minio-deployment-id":"6a1b2c3d","x-minio-origin-endpoint":"http://127.0.0.1:9000"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"minioadmin"},"arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","contentType":"image/jpeg",
                "userMetadata":{"content-type":"image/jpeg"},"sequencer":"1873EF4D3C1A2B3C"}},
                "source":{"host":"127.0.0.1","port":"","userAgent":"MinIO (linux; amd64) minio-go/v7.0.90"}}]}
                """.formatted(name, bucket, key, Instant.now(), name, bucket, bucket,
                URLEncoder.encode(key, StandardCharsets.UTF_8));
    }
}
