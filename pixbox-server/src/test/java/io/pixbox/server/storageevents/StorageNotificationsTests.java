package io.pixbox.server.storageevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.server.storageevents.StorageEvent.Kind;
import org.junit.jupiter.api.Test;

class StorageNotificationsTests {

    @Test
    void readsEveryRecordOfAnAwsNotificationWithItsKeyDecoded() {
        // when
        var events = StorageNotifications.parse("""
                {"Records":[
                  {"eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"photos"},"object":{"key":"originals/summer+2026/beach%C3%A9.jpg"}}},
                  {"eventName":"ObjectRemoved:DeleteMarkerCreated","s3":{"bucket":{"name":"photos"},"object":{"key":"originals/old.jpg"}}},
                  {"eventName":"LifecycleExpiration:Delete","s3":{"bucket":{"name":"photos"},"object":{"key":"originals/expired.jpg"}}}
                ]}""");

        // then
        assertThat(events).containsExactly(
                new StorageEvent(Kind.CREATED, "photos", "originals/summer 2026/beaché.jpg"),
                new StorageEvent(Kind.REMOVED, "photos", "originals/old.jpg"),
                new StorageEvent(Kind.REMOVED, "photos", "originals/expired.jpg"));
    }

    @Test
    void readsMinioNotificationsWhoseKeysHaveTheirSlashesEncoded() {
        // when
        var events = StorageNotifications.parse("""
                {"EventName":"s3:ObjectCreated:Put","Key":"photos/originals/a b.jpg","Records":[
                  {"eventSource":"minio:s3","eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"photos"},"object":{"key":"originals%2Fa+b.jpg"}}}]}""");

        // then
        assertThat(events).containsExactly(new StorageEvent(Kind.CREATED, "photos", "originals/a b.jpg"));
    }

    @Test
    void leavesOutEventsThatNeitherCreateNorRemoveAndTheTestEvent() {
        assertThat(StorageNotifications.parse("""
                {"Records":[{"eventName":"ObjectRestore:Completed","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}},
                            {"eventName":"ObjectTagging:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}"""))
                .isEmpty();
        assertThat(StorageNotifications.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent"}""")).isEmpty();
    }

    @Test
    void unwrapsAnSnsNotification() {
        assertThat(StorageNotifications.parse("""
                {"Type":"Notification","Message":"{\\"Records\\":[{\\"eventName\\":\\"ObjectCreated:Copy\\",\\"s3\\":{\\"bucket\\":{\\"name\\":\\"b\\"},\\"object\\":{\\"key\\":\\"k.jpg\\"}}}]}"}"""))
                .containsExactly(new StorageEvent(Kind.CREATED, "b", "k.jpg"));
    }

    @Test
    void refusesWhatIsNotANotificationSayingWhy() {
        assertThatThrownBy(() -> StorageNotifications.parse("not json")).isInstanceOf(UnreadableEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> StorageNotifications.parse("[1,2]")).hasMessageStartingWith("not a JSON object");
        assertThatThrownBy(() -> StorageNotifications.parse("""
                {"Records":{}}""")).hasMessageStartingWith("no Records array");
        assertThatThrownBy(() -> StorageNotifications.parse("""
                {"Records":[{"eventName":"ObjectCreated:Put","s3":{}}]}"""))
                .hasMessageStartingWith("a record without s3.bucket.name or s3.object.key");
        assertThatThrownBy(() -> StorageNotifications.parse("""
                {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"bad%zz"}}}]}"""))
                .hasMessageStartingWith("an object key that is not URL-encoded");
    }
}
