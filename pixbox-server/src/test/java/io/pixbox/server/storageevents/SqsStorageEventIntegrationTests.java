package io.pixbox.server.storageevents;

import io.pixbox.server.queue.ElasticMqServer;
import io.pixbox.server.storageevents.StorageEvent.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Storage events from SQS, in the format S3 sends its event notifications in (an in-process ElasticMQ speaking the
 * real SQS protocol), raw and wrapped in SNS notifications.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SqsStorageEventIntegrationTests extends StorageEventContract {

    private static final ElasticMqServer SQS = ElasticMqServer.shared();
    private static final String QUEUE = "pixbox-storage-events-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        storeSettings(registry);
        SQS.createQueue(QUEUE, Map.of());
        registry.add("pixbox.storage-events.source", () -> "sqs");
        registry.add("pixbox.storage-events.sqs.endpoint", () -> SQS.endpoint().toString());
        registry.add("pixbox.storage-events.sqs.queue-name", () -> QUEUE);
        registry.add("pixbox.storage-events.sqs.access-key", () -> ElasticMqServer.ACCESS_KEY);
        registry.add("pixbox.storage-events.sqs.secret-key", () -> ElasticMqServer.SECRET_KEY);
        registry.add("pixbox.storage-events.sqs.wait-time", () -> "1s");
    }

    @AfterAll
    static void removeQueue() {
        SQS.deleteQueue(QUEUE);
    }

    @Override
    void deliver(Kind kind, String bucket, String key) {
        deliverRaw(awsNotification(kind, bucket, key));
    }

    @Override
    void deliverRaw(String body) {
        SQS.send(QUEUE, body);
    }

    @Test
    void takesNotificationsWrappedInSnsAndIgnoresS3sTestEvent() {
        // when
        deliverRaw("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-12-02T00:00:00.000Z\","
                + "\"Bucket\":\"" + BUCKET + "\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}");
        String key = "originals/sns/" + unique() + ".jpg";
        put(key, io.pixbox.server.pipeline.PipelineContract.unique("mouse.jpg").bytes(), "image/jpeg");
        String notification = awsNotification(Kind.CREATED, BUCKET, key).replace("\n", "").replace("\"", "\\\"");
        deliverRaw("{\"Type\":\"Notification\",\"MessageId\":\"" + UUID.randomUUID() + "\",\"TopicArn\":"
                + "\"arn:aws:sns:us-east-1:123456789012:pixbox-events\",\"Subject\":\"Amazon S3 Notification\","
                + "\"Message\":\"" + notification + "\",\"Timestamp\":\"2026-12-02T00:00:00.000Z\"}");

        // then
        awaitImported(key);
    }

    /** An S3 event notification as AWS sends it to SQS, its key URL-encoded the way S3 encodes it. */
    static String awsNotification(Kind kind, String bucket, String key) {
        String name = kind == Kind.CREATED ? "ObjectCreated:Put" : "ObjectRemoved:Delete";
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"%s","eventName":"%s","userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},
                "requestParameters":{"sourceIPAddress":"127.0.0.1"},
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"pixbox-originals",
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(Instant.now(), name, bucket, bucket, encoded);
    }
}
