package io.pixbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PixboxServerIntegrationTests {

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("pixbox.data-dir", () -> temp.resolve("data").toString());
    }

    @Autowired
    RestTestClient client;

    @Test
    void servesTheFrontPageWithTheEngineAndTheVersion() {
        // when
        String page = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .returnResult(String.class).getResponseBody();

        // then
        assertThat(page).contains("<title>Everyone’s photos · Pixbox</title>")
                .containsPattern("<span id=\"engine\">(vips|java)</span>")
                .containsPattern("<span id=\"version\">[^<]+</span>");
    }

    @Test
    void reportsItselfHealthy() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void reportsTheStorageHealthWithTheDirectoriesUnderTheDataDirectory() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.storage.status").isEqualTo("UP")
                .jsonPath("$.components.storage.details.originals")
                .isEqualTo("files in " + temp.resolve("data/objects/originals").toAbsolutePath());
    }

    @Test
    void createsTheDataDirectoryAtStartUp() {
        assertThat(temp.resolve("data")).isDirectory();
    }
}
