package io.pixbox.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.cli.Pixbox;
import io.pixbox.imaging.ImagingException.InvalidRecipe;
import io.pixbox.imaging.recipe.Recipe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProcessCommandTests {

    /** The sample photos of the imaging module, from this module's directory. */
    private static final Path PHOTOS = Path.of("../pixbox-imaging/src/test/resources/photos");

    @TempDir
    Path temp;

    @Test
    void rejectsAnInvalidRecipeWithOneLineNamingTheStepAndTheAllowedRange() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--recipe", "fit:0:100", "--out", temp.resolve("out").toString(), photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pixbox: fit: width must be 1..16384, got 0" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void rejectsAnUnknownPresetNamingTheKnownOnes() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--preset", "huge", "--out", temp.resolve("out").toString(), photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pixbox: preset: unknown preset \"huge\"; known: thumb, medium, compressed");
    }

    @Test
    void refusesARecipeAndAPresetTogether() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--recipe", "fit:100:100", "--preset", "thumb",
                "--out", temp.resolve("out").toString(), photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--recipe=SPEC, --preset=NAME are mutually exclusive")
                .contains("Try 'pixbox process --help' for more information.");
    }

    @Test
    void requiresARecipeOrAPreset() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--out", temp.resolve("out").toString(), photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("(--recipe=SPEC | --preset=NAME)");
    }

    @Test
    void requiresAnOutputDirectory() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--preset", "thumb", photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pixbox: Missing required option: '--out=DIR'");
    }

    @Test
    void requiresAtLeastOneInput() {
        // when
        Run run = pixbox("process", "--preset", "thumb", "--out", temp.resolve("out").toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pixbox: Missing required parameter: 'FILE|DIR'");
    }

    @Test
    void rejectsAnInputThatDoesNotExist() {
        // given
        Path missing = temp.resolve("missing.jpg");

        // when
        Run run = pixbox("process", "--preset", "thumb", "--out", temp.resolve("out").toString(), missing.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pixbox: no such file or directory: " + missing + System.lineSeparator());
    }

    @Test
    void rejectsADirectoryWithNothingToProcess() throws IOException {
        // given
        Path empty = Files.createDirectories(temp.resolve("empty"));

        // when
        Run run = pixbox("process", "--preset", "thumb", "--out", temp.resolve("out").toString(), empty.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pixbox: no files to process in");
    }

    @Test
    void rejectsAnUnknownEngine() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--preset", "thumb", "--engine", "gpu",
                "--out", temp.resolve("out").toString(), photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pixbox: engine must be one of auto, vips, java, got \"gpu\""
                + System.lineSeparator());
    }

    @Test
    void rejectsAnUnknownOptionWithOneLineAndAHint() throws IOException {
        // given
        Path photo = copyPhoto("mouse.jpg", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--preset", "thumb", "--out", temp.resolve("out").toString(), "--colour",
                photo.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("pixbox: unknown option '--colour'",
                "Try 'pixbox process --help' for more information.");
    }

    @Test
    void takesPresetsFromEnvironmentVariablesNamedAsTheServiceNamesThem() {
        // given
        Map<String, String> environment = Map.of(
                "PIXBOX_IMAGING_PRESETS_SQUARE_THUMB", "fill:128:128/format:webp",
                "PIXBOX_IMAGING_PRESETS_THUMB", "fit:64:64",
                "HOME", "/home/pixbox");

        // when
        var presets = ProcessCommand.presets(environment);

        // then
        assertThat(presets.get("square_thumb")).isEqualTo(Recipe.parse("fill:128:128/format:webp"));
        assertThat(presets.get("thumb")).isEqualTo(Recipe.parse("fit:64:64"));
        assertThat(presets.find("medium")).isPresent();
    }

    @Test
    void namesThePresetWhoseEnvironmentVariableHoldsABadRecipe() {
        assertThatThrownBy(() -> ProcessCommand.presets(Map.of("PIXBOX_IMAGING_PRESETS_TINY", "fit:0:10")))
                .isInstanceOf(InvalidRecipe.class)
                .hasMessage("preset \"tiny\": fit: width must be 1..16384, got 0");
    }

    @Test
    void processesEveryImageOfADirectoryAndReportsTheFileThatIsNotOne() throws IOException {
        // given
        Path in = temp.resolve("in");
        copyPhoto("mouse.jpg", in);
        copyPhoto("goldfish.png", in);
        copyPhoto("wood.webp", in);
        Files.writeString(in.resolve("notes.jpg"), "Shopping: milk, eggs, a new lens.\n");
        Path out = temp.resolve("out");

        // when
        Run run = pixbox("process", "--recipe", "fit:200:200/format:png", "--out", out.toString(), in.toString());

        // then
        assertThat(run.out()).contains("3 done, 1 failed, of 4 images")
                .containsPattern("notes\\.jpg: .+ \\[image\\.unsupported_format]");
        assertThat(run.exitCode()).as(run::toString).isEqualTo(1);
        assertThat(files(out)).containsExactlyInAnyOrder("mouse.png", "goldfish.png", "wood.png");
        assertImage(out.resolve("mouse.png"), 200, 125);
        assertImage(out.resolve("goldfish.png"), 200, 132);
        assertImage(out.resolve("wood.png"), 200, 200);
        assertThat(run.err()).contains("notes.jpg").contains("image.unsupported_format");
    }

    @Test
    void givesInputsWithTheSameNameDistinctOutputsAndSaysSo() throws IOException {
        // given
        Path first = copyPhoto("mouse.jpg", temp.resolve("in/a"));
        Path second = copyPhoto("mouse.jpg", temp.resolve("in/b"));
        Path out = temp.resolve("out");

        // when
        Run run = pixbox("process", "--recipe", "fit:100:100/format:png", "--out", out.toString(),
                first.toString(), second.toString());

        // then
        assertThat(run.exitCode()).as(run::toString).isZero();
        assertThat(files(out)).containsExactlyInAnyOrder("mouse.png", "mouse-2.png");
        assertThat(run.out()).contains("2 done, 0 failed")
                .contains(second + " -> " + out.resolve("mouse-2.png"));
    }

    @Test
    void printsTheSummaryAsJsonWhenAsked() throws IOException {
        // given
        Path photo = copyPhoto("goldfish.png", temp.resolve("in"));

        // when
        Run run = pixbox("process", "--recipe", "fit:60:60", "--json", "--out", temp.resolve("out").toString(),
                photo.toString());

        // then
        assertThat(run.exitCode()).as(run::toString).isZero();
        assertThat(run.out()).startsWith("{\"done\":1,\"failed\":0,")
                .contains("\"format\":\"png\",\"width\":60,\"height\":40,");
    }

    private Run pixbox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Pixbox.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit code of a run that printed%n%s%non stderr and%n%s%non stdout".formatted(err, out);
        }
    }

    private static Path copyPhoto(String name, Path directory) throws IOException {
        Files.createDirectories(directory);
        return Files.copy(PHOTOS.resolve(name), directory.resolve(name));
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static void assertImage(Path file, int width, int height) throws IOException {
        assertThat(Files.readAllBytes(file)).as("PNG signature of %s", file)
                .startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
