package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.JobInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows one job, optionally following it until it is done. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a job's state, attempts and error.",
        footer = {"",
                "Examples:",
                "  pixbox status 9b2d1c7e-0f4a-4b8e-8c55-1d2e3f4a5b6c",
                "  pixbox status 9b2d1c7e-0f4a-4b8e-8c55-1d2e3f4a5b6c --wait",
                "",
                ClientCommand.EXIT_CODES})
public final class StatusCommand extends ClientCommand {

    @Option(names = "--wait", description = "Follow the job, a line per change, until it is done.")
    boolean await;

    @Parameters(paramLabel = "JOB", description = "The job's id.")
    String jobId;

    @Override
    public Integer call() {
        try (PixboxApi api = signedIn()) {
            JobInfo job = await ? api.await(jobId, changed -> {
                if (!options.json()) {
                    print(changed);
                    out().flush();
                }
            }) : api.job(jobId);
            if (options.json()) {
                printJson(job);
            } else if (!await) {
                print(job);
            }
            return job.isFinal() && !job.state().equals("succeeded") ? ClientException.FAILED : 0;
        }
    }
}
