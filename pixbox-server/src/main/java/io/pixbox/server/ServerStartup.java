package io.pixbox.server;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.server.queue.QueueProperties;
import io.pixbox.server.storage.ObjectStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Creates the data directory at start-up and, once the server is up, says where it is and what it runs on. */
@Component
class ServerStartup {

    private static final Logger log = LoggerFactory.getLogger(ServerStartup.class);

    private final PixboxProperties pixbox;
    private final ImageProcessor imageProcessor;
    private final ObjectStores stores;
    private final QueueProperties queue;
    private final Environment environment;
    private final Path dataDir;

    ServerStartup(PixboxProperties pixbox, ImageProcessor imageProcessor, ObjectStores stores, QueueProperties queue,
                  Environment environment) throws IOException {
        this.pixbox = pixbox;
        this.imageProcessor = imageProcessor;
        this.stores = stores;
        this.queue = queue;
        this.environment = environment;
        this.dataDir = Files.createDirectories(pixbox.dataDir()).toAbsolutePath().normalize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportReady() {
        log.info("Pixbox is up at http://localhost:{}/ (roles {}, image engine {}, data directory {})",
                environment.getProperty("local.server.port", "8080"), Role.format(pixbox.roles()),
                imageProcessor.engine().name(), dataDir);
        log.info("Backends: database {}; originals in {}; variants in {}; job queue {}",
                database(environment.getProperty("spring.datasource.url", "")), stores.originals().describe(),
                stores.variants().describe(), queue.type().name().toLowerCase(Locale.ROOT));
    }

    /** The JDBC URL without its options, which may hold a password. */
    static String database(String url) {
        return url.replaceAll("[;?].*$", "");
    }
}
