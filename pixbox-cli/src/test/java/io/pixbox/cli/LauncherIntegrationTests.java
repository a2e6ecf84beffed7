package io.pixbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pixbox} launcher at the repository root, run as a user would. It runs after
 * {@code package}, so the jar is fresh and the launcher does not build it again.
 */
class LauncherIntegrationTests {

    /** The repository root, from this module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void listsTheCommandsWithADescriptionOfEach() throws Exception {
        // when
        Result result = run(ROOT, "./pixbox", "--help");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: pixbox")
                .containsPattern("(?m)^  serve +\\S.+$")
                .containsPattern("(?m)^  process +\\S.+$");
    }

    @Test
    void runsFromAnyDirectory() throws Exception {
        // when
        Result result = run(temp, ROOT.resolve("pixbox").toString(), "--version");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("pixbox ");
    }

    @Test
    void rejectsAnUnknownCommandWithOneLineAHintAndExitCodeTwo() throws Exception {
        // when
        Result result = run(ROOT, "./pixbox", "frobnicate");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly("pixbox: unknown command 'frobnicate'",
                "Try 'pixbox --help' for more information.");
    }

    private Result run(Path directory, String... command) throws IOException, InterruptedException {
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        // Minutes, not seconds: the launcher builds the jar first when it is missing or stale.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./pixbox did not finish in 5 minutes; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
