package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.JobInfo;
import io.pixbox.cli.client.PixboxApi.Uploaded;
import io.pixbox.cli.process.Inputs;
import io.pixbox.cli.process.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Uploads files and directories in parallel, each retried on a flaky link, and optionally waits for the jobs. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload images (files, or directories searched for them) to the server.",
        footer = {"",
                "Every image gets the server's default presets, plus the recipes and presets named here.",
                "Files go up in parallel, with a progress bar for each and one for all; a file whose",
                "connection fails is sent again (--retries), under the same idempotency key, so that a",
                "retry whose first answer was lost makes no second image. The other files still go up",
                "when one is refused.",
                "",
                "Examples:",
                "  pixbox upload photo.jpg",
                "  pixbox upload ~/Pictures --preset medium --wait",
                "  pixbox upload a.png b.png --recipe fill:300:300:attention/format:webp --json",
                "",
                ClientCommand.EXIT_CODES})
public final class UploadCommand extends ClientCommand {

    @Option(names = "--recipe", paramLabel = "SPEC", description = "A recipe to run besides the defaults; repeatable.")
    List<String> recipes = new ArrayList<>();

    @Option(names = "--preset", paramLabel = "NAME", description = "A preset to run besides the defaults; repeatable.")
    List<String> presets = new ArrayList<>();

    @Option(names = "--wait", description = "Wait until every job is done, and fail if any failed.")
    boolean await;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Files sent at once; default ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Times a file is sent again when the connection fails; default ${DEFAULT-VALUE}.")
    int retries;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Images, or directories searched for them (hidden files skipped).")
    List<Path> paths;

    /** What became of one file. */
    record Result(String file, String imageId, List<JobInfo> jobs, String errorCode, String error) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (parallel < 1 || retries < 0) {
            throw new ClientException("client.usage", "--parallel must be 1 or more and --retries 0 or more", ClientException.USAGE);
        }
        List<Path> files;
        try {
            files = Inputs.expand(paths, null);
        } catch (IllegalArgumentException e) {
            throw new ClientException("client.usage", e.getMessage(), ClientException.USAGE);
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        UploadProgress progress = new UploadProgress(err(), Progress.stderrIsTerminal(), files.size(), total);
        Map<Path, Future<Result>> running = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        try (PixboxApi api = connect(); ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, files.size()))) {
            for (Path file : files) {
                running.put(file, pool.submit(() -> upload(api, file, progress)));
            }
            for (Future<Result> result : running.values()) {
                results.add(result.get());
            }
            if (await) {
                results = results.stream().map(result -> awaitJobs(api, result, progress)).toList();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            progress.close();
        }
        report(results);
        boolean failed = results.stream().anyMatch(result -> result.error() != null
                || result.jobs().stream().anyMatch(job -> job.isFinal() && !job.state().equals("succeeded")));
        return failed ? ClientException.FAILED : 0;
    }

    private Result upload(PixboxApi api, Path file, UploadProgress progress) {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            progress.finished(name, "pixbox: failed: " + name + ": cannot read it [client.unreadable]");
            return new Result(name, null, List.of(), "client.unreadable", "cannot read " + name);
        }
        progress.started(name, size);
        // One key for every attempt at this file: a retry after an answer lost on the way is the same upload.
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            try {
                Uploaded uploaded = api.upload(file, recipes, presets, idempotencyKey, bytes -> progress.sent(name, bytes));
                progress.finished(name, "uploaded " + name + " as " + uploaded.image().id()
                        + (uploaded.replayed() ? " (by an earlier attempt whose answer was lost)" : ""));
                return new Result(name, uploaded.image().id(), uploaded.jobs(), null, null);
            } catch (ClientException e) {
                if (e.transientFailure() && attempt < retries) {
                    progress.restarted(name, e.getMessage());
                    sleep(Duration.ofMillis(500L << attempt));
                    continue;
                }
                if (e.exitCode() == ClientException.AUTH || e.exitCode() == ClientException.UNAVAILABLE) {
                    throw e; // the same for every file: stop with it
                }
                progress.finished(name, "pixbox: failed: " + name + ": " + e.getMessage() + " [" + e.code() + "]");
                return new Result(name, null, List.of(), e.code(), e.getMessage());
            }
        }
    }

    private Result awaitJobs(PixboxApi api, Result result, UploadProgress progress) {
        if (result.imageId() == null) {
            return result;
        }
        List<JobInfo> done = result.jobs().stream().map(job -> api.await(job.id(), changed -> { })).toList();
        done.stream().filter(job -> !job.state().equals("succeeded")).forEach(job -> err().println("pixbox: job "
                + job.id() + " (" + job.recipe() + ") of " + result.file() + " is " + job.state() + ": " + job.error()
                + " [" + job.errorCode() + "]"));
        return new Result(result.file(), result.imageId(), done, null, null);
    }

    private void report(List<Result> results) {
        long failed = results.stream().filter(result -> result.error() != null).count();
        // On stderr, so that standard output holds only the results (JSON with --json).
        err().println((results.size() - failed) + " uploaded" + (failed > 0 ? ", " + failed + " failed" : ""));
        if (options.json()) {
            printJson(results);
            return;
        }
        for (Result result : results) {
            if (result.imageId() != null) {
                out().println(result.imageId() + "  " + result.file() + "  " + result.jobs().size() + " jobs"
                        + (await ? ": " + String.join(", ", result.jobs().stream().map(JobInfo::state).distinct().toList()) : ""));
            }
        }
        out().flush();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("client.interrupted", "interrupted", ClientException.FAILED);
        }
    }
}
