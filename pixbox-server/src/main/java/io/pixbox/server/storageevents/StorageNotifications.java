package io.pixbox.server.storageevents;

import io.pixbox.server.storageevents.StorageEvent.Kind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads S3 event notifications into {@link StorageEvent}s: AWS's format (as S3 sends it to SQS, or wrapped in an
 * SNS notification), MinIO's (its {@code EventName}/{@code Key}/{@code Records} form, as sent to AMQP), and S3's
 * test event, which holds none. Event types other than created and removed (restores, replication, tagging) are
 * left out.
 */
final class StorageNotifications {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StorageNotifications() {
    }

    /** The events in one message's body. */
    static List<StorageEvent> parse(String body) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableEventException("not JSON: " + abbreviated(body), e);
        }
        if (message == null || !message.isObject()) {
            throw new UnreadableEventException("not a JSON object: " + abbreviated(body), null);
        }
        if (message.path("Type").asString("").equals("Notification") && message.path("Message").isString()) {
            // S3 -> SNS -> SQS without raw message delivery: the notification is the SNS message's text.
            return parse(message.path("Message").asString());
        }
        if (message.path("Event").asString("").equals("s3:TestEvent")) {
            return List.of();
        }
        JsonNode records = message.path("Records");
        if (!records.isArray()) {
            throw new UnreadableEventException("no Records array: " + abbreviated(body), null);
        }
        List<StorageEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            String name = record.path("eventName").asString("");
            String type = name.startsWith("s3:") ? name.substring(3) : name;
            Kind kind = type.startsWith("ObjectCreated:") ? Kind.CREATED
                    : type.startsWith("ObjectRemoved:") || type.startsWith("LifecycleExpiration:Delete") ? Kind.REMOVED
                    : null;
            if (kind == null) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asString("");
            String key = record.path("s3").path("object").path("key").asString("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw new UnreadableEventException("a record without s3.bucket.name or s3.object.key: "
                        + abbreviated(record.toString()), null);
            }
            events.add(new StorageEvent(kind, bucket, decoded(key)));
        }
        return events;
    }

    /** Keys come URL-encoded, a space as {@code +}. */
    private static String decoded(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("an object key that is not URL-encoded: " + key, e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
