package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.JobInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the caller's newest jobs. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List your newest jobs (everyone's for an admin): id, state, recipe, file.",
        footer = {"",
                "Examples:",
                "  pixbox jobs",
                "  pixbox jobs --limit 100 --json",
                "",
                ClientCommand.EXIT_CODES})
public final class JobsCommand extends ClientCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many, 1 to 100; default ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        try (PixboxApi api = connect()) {
            List<JobInfo> jobs = api.jobs(limit);
            if (options.json()) {
                printJson(jobs);
            } else {
                jobs.forEach(this::print);
            }
            return 0;
        }
    }
}
