package io.pixbox.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.PostgresSchema;
import io.pixbox.server.storage.S3ProxyServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Direct uploads on production backends: the machine's PostgreSQL and an S3 store (S3Proxy, in process) that
 * takes the presigned PUT itself, checking the signed content type and length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2",
        "pixbox.storage.type=s3",
        "pixbox.storage.s3.path-style=true",
        "pixbox.storage.s3.create-buckets=true",
        "pixbox.storage.s3.bucket=pixbox-direct"})
@DirtiesContext
class DirectUploadS3IntegrationTests extends DirectUploadContract {

    private static final S3ProxyServer S3 = new S3ProxyServer().start();
    private static final PostgresSchema DATABASE = PostgresSchema.create("pixbox_direct");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("pixbox.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("pixbox.storage.s3.access-key", S3::accessKey);
        registry.add("pixbox.storage.s3.secret-key", S3::secretKey);
    }

    @AfterAll
    static void stopBackends() {
        S3.close();
        DATABASE.close();
    }

    @Test
    void theSignedUrlPointsAtTheStoreNotAtPixbox() {
        // when
        JsonNode ticket = start("mouse.jpg", "image/jpeg", 1000, null);

        // then
        URI url = URI.create(ticket.get("url").asString());
        assertThat(url.getPort()).isEqualTo(S3.endpoint().getPort());
        assertThat(url.getPath()).isEqualTo("/pixbox-direct/originals/uploads/" + ticket.get("upload").get("id").asString());
        assertThat(url.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=900");
    }
}
