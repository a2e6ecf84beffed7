package io.pixbox.server;

import java.nio.file.Path;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The defaults that depend on other settings: unless {@code spring.datasource.url} names another database, an H2
 * file under {@code pixbox.data-dir}; and, in a process without the api role, no API documentation, no static
 * files and no gRPC server. Computed when first asked for, so that a data directory or roles given by any property source, tests'
 * included, are the ones used.
 */
class PixboxDefaults implements EnvironmentPostProcessor, Ordered {

    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new EmbeddedDatabase(environment));
        environment.getPropertySources().addLast(new WithoutApi(environment));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The lowest-precedence source of {@code spring.datasource.url} and its user. */
    private static final class EmbeddedDatabase extends PropertySource<Object> {

        // Not the source object: Boot would walk an environment given as a source as nested sources, forever.
        private final ConfigurableEnvironment environment;

        EmbeddedDatabase(ConfigurableEnvironment environment) {
            super("pixbox-embedded-database", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!name.equals("spring.datasource.url") && !name.equals("spring.datasource.username")
                    || configuredElsewhere("spring.datasource.url")) {
                return null;
            }
            return name.equals("spring.datasource.username") ? "sa"
                    : "jdbc:h2:file:" + dataDir().resolve("db").resolve("pixbox") + H2_OPTIONS;
        }

        private boolean configuredElsewhere(String name) {
            return environment.getPropertySources().stream()
                    // The attached configurationProperties source wraps every source, this one too.
                    .filter(source -> source != this && !source.getName().equals("configurationProperties"))
                    .anyMatch(source -> source.containsProperty(name));
        }

        private Path dataDir() {
            return Path.of(environment.getProperty("pixbox.data-dir", "./data")).toAbsolutePath().normalize();
        }
    }

    /**
     * Springdoc's and Spring MVC's own handlers, and the gRPC server, switched off where the api role is not run: with the controllers
     * gone too ({@link ConditionalOnRole}), a worker or scheduler answers 404 to everything but the actuator.
     */
    private static final class WithoutApi extends PropertySource<Object> {

        private static final Set<String> SWITCHES = Set.of("springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled",
                "spring.web.resources.add-mappings", "spring.grpc.server.enabled");

        private final ConfigurableEnvironment environment;

        WithoutApi(ConfigurableEnvironment environment) {
            super("pixbox-without-api", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            // Only these names: binding the roles below asks every source, this one included, for pixbox.* names.
            if (!SWITCHES.contains(name) || Role.of(environment).contains(Role.API)) {
                return null;
            }
            return "false";
        }
    }
}
