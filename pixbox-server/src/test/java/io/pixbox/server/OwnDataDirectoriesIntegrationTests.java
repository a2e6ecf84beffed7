package io.pixbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** A test that names no data directory gets one of its own, and the embedded database lives in it. */
@SpringBootTest(properties = "pixbox.roles=api")
class OwnDataDirectoriesIntegrationTests {

    @Autowired
    PixboxProperties pixbox;

    @Autowired
    Environment environment;

    @Test
    void eachContextHasATemporaryDataDirectoryHoldingItsDatabase() {
        Path dataDir = pixbox.dataDir().toAbsolutePath();

        assertThat(dataDir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        assertThat(dataDir.getFileName().toString()).startsWith("pixbox-test-");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:" + dataDir);
    }
}
