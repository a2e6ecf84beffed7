package io.pixbox.cli.client;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Deletes an image with its variants and jobs. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an image with its variants and jobs.",
        footer = {"",
                "Examples:",
                "  pixbox delete $ID",
                "",
                ClientCommand.EXIT_CODES})
public final class DeleteCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", description = "The image's id.")
    String imageId;

    @Override
    public Integer call() {
        try (PixboxApi api = connect()) {
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
