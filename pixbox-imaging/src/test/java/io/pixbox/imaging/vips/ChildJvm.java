package io.pixbox.imaging.vips;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the tests in a JVM of its own, for what one JVM cannot observe of itself. */
record ChildJvm(int exitStatus, String output) {

    /** Runs {@code main} with the test class path and {@code jvmOptions}, waiting up to three minutes. */
    static ChildJvm run(Path log, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(3, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not finish within three minutes: " + Files.readString(log));
        }
        return new ChildJvm(child.exitValue(), Files.readString(log).strip());
    }
}
