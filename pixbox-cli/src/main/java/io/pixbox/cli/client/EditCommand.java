package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.JobInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a recipe or preset on an uploaded image, optionally waiting for the job. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Make a new variant of an uploaded image with a recipe or preset.",
        footer = {"",
                "Examples:",
                "  pixbox edit $ID --recipe crop:10:10:200:100/rotate:90 --wait",
                "  pixbox edit $ID --preset medium",
                "",
                ClientCommand.EXIT_CODES})
public final class EditCommand extends ClientCommand {

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--recipe", paramLabel = "SPEC", required = true, description = "The recipe, such as fit:400:400/format:webp.")
        String recipe;

        @Option(names = "--preset", paramLabel = "NAME", required = true, description = "A preset's name, such as thumb.")
        String preset;
    }

    @Option(names = "--wait", description = "Wait until the job is done, and fail if it failed.")
    boolean await;

    @Parameters(paramLabel = "ID", description = "The image's id.")
    String imageId;

    @Override
    public Integer call() {
        try (PixboxApi api = connect()) {
            JobInfo job = api.process(imageId, what.recipe, what.preset);
            if (await) {
                job = api.await(job.id(), changed -> { });
            }
            if (options.json()) {
                printJson(job);
            } else {
                print(job);
            }
            return job.isFinal() && !job.state().equals("succeeded") ? ClientException.FAILED : 0;
        }
    }
}
