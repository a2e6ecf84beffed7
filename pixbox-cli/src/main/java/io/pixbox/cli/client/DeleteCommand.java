package io.pixbox.cli.client;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Deletes an image with its variants and jobs. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an image with its variants and jobs.",
        footer = {"",
                "Examples:",
                "  pixbox delete 3f0c8f4e-6a51-4f8e-9d7b-2c1e5a9b0d42",
                "",
                ClientCommand.EXIT_CODES})
public final class DeleteCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", description = "The image's id.")
    String imageId;

    @Override
    public Integer call() {
        try (PixboxApi api = signedIn()) {
            api.delete(imageId);
        }
        if (options.json()) {
            printJson(Map.of("deleted", imageId));
        } else {
            err().println("deleted " + imageId);
        }
        return 0;
    }
}
