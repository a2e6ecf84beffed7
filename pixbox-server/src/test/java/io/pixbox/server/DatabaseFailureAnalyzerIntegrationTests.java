package io.pixbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/** A database that cannot be opened stops start-up with a report that says what to do. */
class DatabaseFailureAnalyzerIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void saysWhenAnotherProcessHoldsTheEmbeddedDatabase() throws Exception {
        // given: a data directory whose database another JVM holds open, as a running ./pixbox serve does
        start("--pixbox.data-dir=" + temp).close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(),
                "jdbc:h2:file:" + temp.resolve("db/pixbox") + PixboxDefaults.H2_OPTIONS)
                .redirectErrorStream(true).start();
        try {
            assertThat(holder.inputReader().readLine()).isEqualTo("holding");

            // when
            Throwable failure = catchThrowable(() -> start("--pixbox.data-dir=" + temp).close());

            // then
            FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).startsWith("The embedded database is in use by another process")
                    .contains(temp.toString());
            assertThat(analysis.getAction()).contains("PIXBOX_DATA_DIR", "PostgreSQL");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    /** Opens a database and keeps it open until killed. */
    public static final class HoldDatabase {
        public static void main(String[] args) throws Exception {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(args[0], "sa", "")) {
                System.out.println("holding");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    @Test
    void saysWhenTheDatabaseServerCannotBeReached() {
        // when: nothing listens on port 1
        Throwable failure = catchThrowable(() -> start("--pixbox.data-dir=" + temp,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/pixbox", "--spring.datasource.username=pixbox",
                "--spring.datasource.hikari.connection-timeout=2000").close());

        // then
        FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).startsWith("Cannot connect to the database");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL");
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--pixbox.roles=api";
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new SpringApplicationBuilder(PixboxServer.class).run(all);
    }
}
