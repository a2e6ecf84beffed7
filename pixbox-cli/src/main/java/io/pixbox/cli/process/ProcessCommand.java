package io.pixbox.cli.process;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.engine.ImageEngines;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.recipe.Presets;
import io.pixbox.imaging.recipe.Recipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Applies one recipe to files and directories on this machine, writing the results into one directory. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Process images on this machine with a recipe; no server needed.",
        footer = {"",
                "A recipe is steps separated by / with arguments separated by :, such as",
                "  fit:400:400/format:webp/quality:80",
                "Presets: thumb, medium, compressed, and those set in the environment as",
                "  PIXBOX_IMAGING_PRESETS_<NAME>=<recipe>",
                "Exit status: 0 when every image was written, 1 when any failed,",
                "2 for a usage error."})
public final class ProcessCommand implements Callable<Integer> {

    private static final String PRESET_VARIABLE = "PIXBOX_IMAGING_PRESETS_";
    private static final int SOME_IMAGES_FAILED = 1;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    RecipeChoice recipeChoice;

    static final class RecipeChoice {
        @Option(names = "--recipe", paramLabel = "SPEC", required = true,
                description = "The recipe to apply, such as fit:400:400/format:webp.")
        String recipe;

        @Option(names = "--preset", paramLabel = "NAME", required = true,
                description = "A named recipe, such as thumb.")
        String preset;
    }

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write the results, as <name>.<format extension>; created if missing.")
    Path out;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:PIXBOX_IMAGING_ENGINE:-auto}",
            description = "auto (libvips when installed, else pure Java), vips or java; default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many images to process at once; default: one per CPU core.")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "Images, or directories searched for images (hidden files are skipped).")
    List<Path> paths;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Recipe recipe;
        List<Path> inputs;
        ImageProcessor processor;
        int workers;
        try {
            recipe = recipe(System.getenv());
            inputs = Inputs.expand(paths, out);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no files to process in " + paths);
            }
            workers = workers(inputs.size());
            createOutputDirectory();
            processor = new ImageProcessor(ImageEngines.select(engine), Limits.DEFAULT);
        } catch (ImagingException | IllegalArgumentException e) {
            err.println("pixbox: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("pixbox: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        err.printf("pixbox: processing %d %s with the %s engine on %d %s into %s%n", inputs.size(),
                inputs.size() == 1 ? "image" : "images", processor.engine().name(), workers,
                workers == 1 ? "thread" : "threads", out);
        err.flush();

        Batch batch = new Batch(out, workers, (source, sink) -> processor.process(source, recipe, sink));
        Summary summary = batch.run(inputs, Progress.on(err));

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? summary.json() : summary.text());
        stdout.flush();
        return summary.failed().isEmpty() ? ExitCode.OK : SOME_IMAGES_FAILED;
    }

    private Recipe recipe(Map<String, String> environment) {
        return recipeChoice.recipe != null
                ? Recipe.parse(recipeChoice.recipe)
                : presets(environment).get(recipeChoice.preset);
    }

    /**
     * The built-in presets and those from {@code PIXBOX_IMAGING_PRESETS_<NAME>} variables, named as the
     * service names them: lower case, underscores kept.
     */
    static Presets presets(Map<String, String> environment) {
        Map<String, String> configured = new TreeMap<>();
        environment.forEach((variable, recipe) -> {
            if (variable.startsWith(PRESET_VARIABLE)) {
                configured.put(variable.substring(PRESET_VARIABLE.length()).toLowerCase(Locale.ROOT), recipe);
            }
        });
        return Presets.of(configured);
    }

    private int workers(int images) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads: must be at least 1, got " + threads);
        }
        return Math.min(images, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    private void createOutputDirectory() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out: not a directory: " + out);
        }
        Files.createDirectories(out);
    }
}
