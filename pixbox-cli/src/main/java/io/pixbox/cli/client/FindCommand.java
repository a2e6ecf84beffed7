package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.ImageInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Looks images up by the file name they were uploaded under, with their variants. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Find images by their original file name; shows each with its variants.",
        footer = {"",
                "The name must match exactly (case matters); the newest images come first.",
                "",
                "Examples:",
                "  pixbox find mouse.jpg",
                "  pixbox find IMG_0042.HEIC --json",
                "",
                ClientCommand.EXIT_CODES + " Finding nothing is status 4."})
public final class FindCommand extends ClientCommand {

    @Parameters(paramLabel = "NAME", description = "The original file name, such as mouse.jpg.")
    String name;

    @Override
    public Integer call() {
        try (PixboxApi api = connect()) {
            List<ImageInfo> found = api.find(name);
            if (options.json()) {
                printJson(found);
            } else {
                found.forEach(this::print);
            }
            if (found.isEmpty()) {
                err().println("pixbox: no image is called " + name);
                return ClientException.NOT_FOUND;
            }
            return 0;
        }
    }
}
