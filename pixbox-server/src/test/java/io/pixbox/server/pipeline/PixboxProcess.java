package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixbox.server.PixboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Pixbox server in a JVM of its own, as an operator runs one: {@code java} of this JVM's JDK, this JVM's class
 * path, {@link PixboxServer} configured by environment variables only, its output in a log file kept for diagnosis.
 */
final class PixboxProcess implements AutoCloseable {

    private static final Pattern UP = Pattern.compile("Pixbox is up at http://localhost:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Exit status of a JVM ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private PixboxProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = awaitUp();
    }

    /**
     * Starts {@code name} with {@code environment} added to this JVM's, on a free port, writing {@code name.log} in
     * {@code logs}, and waits until it says it is up.
     */
    static PixboxProcess start(String name, Path logs, Map<String, String> environment) {
        Path log = logs.resolve(name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // C1 and the serial collector: less CPU for compiling and collecting, taken from the jobs on a small machine.
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PixboxServer.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("SERVER_PORT", "0");
        try {
            Files.createDirectories(logs);
            return new PixboxProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** A client of this process's HTTP port. */
    PixboxClient client() {
        return new PixboxClient(port);
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug: no shutdown, no lease given back, nothing acknowledged. */
    void kill() throws InterruptedException {
        // On Linux, destroyForcibly sends SIGKILL; the exit status proves it.
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ended", name).isTrue();
        assertThat(process.exitValue()).as("%s's exit status", name).isEqualTo(KILLED);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s; does nothing once it has ended. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", port " + port + ", log " + log + ")";
    }

    private int awaitUp() {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || UP.matcher(output()).find());
        } catch (ConditionTimeoutException e) {
            // told below, with the log
        }
        Matcher up = UP.matcher(output());
        if (process.isAlive() && up.find()) {
            return Integer.parseInt(up.group(1));
        }
        process.destroyForcibly();
        throw new AssertionError(name + " did not start (" + (process.isAlive() ? "timed out" : "exited")
                + "); the end of " + log + ":\n" + tail());
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
