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
                "  pixbox status $JOB",
                "  pixbox status $JOB --wait",
                "",
                ClientCommand.EXIT_CODES})
public final class StatusCommand extends ClientCommand {

    @Option(names = "--wait", description = "Follow the job, a line per change, until it is done.")
    boolean await;

    @Parameters(paramLabel = "JOB", description = "The job's id.")
    String jobId;

    @Override
    public Integer call() {
        try (PixboxApi api = connect()) {
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
