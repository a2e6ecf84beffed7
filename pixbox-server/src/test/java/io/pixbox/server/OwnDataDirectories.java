package io.pixbox.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context a {@code pixbox.data-dir} of its own, a new temporary directory removed when the
 * context closes, so that no two contexts share an H2 file or a token key by accident. A test that sets the data
 * directory itself (to look into it, or to share it between two contexts on purpose) wins: this is the lowest
 * property source. Registered in {@code META-INF/spring.factories} of the test classes.
 */
class OwnDataDirectories implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new OwnDataDirectory(testClass);
    }

    /** One per test class, so that the contexts of two classes are never taken for one by the context cache. */
    private record OwnDataDirectory(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Path directory;
            try {
                directory = Files.createTempDirectory("pixbox-test-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a data directory for " + testClass.getName(), e);
            }
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("pixbox-test-data-dir",
                    Map.of("pixbox.data-dir", directory.toString())));
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    delete(directory);
                }
            });
        }

        private static void delete(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory: the system cleans it up in the end
            }
        }
    }
}
