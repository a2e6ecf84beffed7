package io.pixbox.cli.serve;

import io.pixbox.server.PixboxServer;
import io.pixbox.server.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;

/** Starts the service and keeps the command running until the service stops. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Pixbox service, at http://localhost:8080 by default.",
        footer = {"",
                "Settings come from the environment, such as SERVER_PORT and PIXBOX_DATA_DIR,",
                "or from further arguments, passed to Spring Boot, such as --server.port=9000."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--roles", split = ",", paramLabel = "ROLE", converter = RoleConverter.class,
            description = "What this process does: any of api, worker, scheduler (default: PIXBOX_ROLES, else all).")
    Set<Role> roles;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> arguments = new ArrayList<>(springArguments);
        if (roles != null) {
            arguments.add("--pixbox.roles=" + Role.format(roles));
        }
        System.clearProperty("logback.configurationFile"); // the command line's logging: Spring Boot sets up its own
        ConfigurableApplicationContext service;
        try {
            service = SpringApplication.run(PixboxServer.class, arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            return ExitCode.SOFTWARE; // Spring Boot has already reported why it could not start.
        }
        CountDownLatch stopped = new CountDownLatch(1);
        service.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        if (service.isActive()) {
            stopped.await();
        }
        return ExitCode.OK;
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
