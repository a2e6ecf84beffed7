package io.pixbox.bench.pipeline;

import io.pixbox.bench.pipeline.PixboxApi.JobRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load of {@code pipeline.sh}: uploads each file given once, one file per request, from {@code --clients}
 * concurrent clients, then waits until every job queued for them is final, and reports what {@link LoadReport}
 * computes from the times. Exits 1 when the run is invalid (an upload refused, a job failed, dead or unfinished).
 *
 * <pre>java -cp … io.pixbox.bench.pipeline.PipelineLoad --url http://127.0.0.1:8080 --clients 4 --workers 2
 *     [--poll-ms 100] [--timeout-s 1800] [--jobs-tsv FILE] FILE…</pre>
 *
 * <p>{@code --workers} is the service's worker concurrency, for the report's worker occupancy and idle time.
 *
 * <p>Waiting reads {@code GET /api/v1/jobs/{id}} for one job at a time, in the order the jobs were queued: the
 * oldest unfinished job every {@code --poll-ms}, and the next ones at once while they are final already. The
 * times reported are the server's {@code finishedAt}, so how often the client looks changes no figure; reading
 * one job at a time keeps the client's own requests from competing with the workers for the processors.
 */
public final class PipelineLoad {

    /** One upload as the client saw it: its wall-clock times, and the jobs queued for it or why it failed. */
    record Upload(Path file, Instant start, Instant answered, List<UUID> jobs, String error) {
    }

    private PipelineLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--poll-ms", "100", "--timeout-s", "1800"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (!options.keySet().containsAll(List.of("--url", "--clients", "--workers")) || files.isEmpty()) {
            System.err.println("usage: PipelineLoad --url URL --clients C --workers W [--poll-ms 100]"
                    + " [--timeout-s 1800] [--jobs-tsv FILE] FILE...");
            System.exit(2);
        }
        PixboxApi api = new PixboxApi(URI.create(options.get("--url")));
        List<Upload> uploads = upload(api, files, Integer.parseInt(options.get("--clients")));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("--timeout-s")));
        Map<UUID, JobRecord> jobs = awaitFinal(api, uploads, Duration.ofMillis(Long.parseLong(options.get("--poll-ms"))),
                Instant.now().plus(timeout));

        LoadReport report = new LoadReport(uploads, jobs, Integer.parseInt(options.get("--workers")));
        System.out.println(report.line());
        System.err.print(report.text());
        if (options.containsKey("--jobs-tsv")) {
            Files.writeString(Path.of(options.get("--jobs-tsv")), report.tsv());
        }
        System.exit(report.valid() ? 0 : 1);
    }

    /** Uploads every file once, {@code clients} requests at a time, each client taking the next file when done. */
    private static List<Upload> upload(PixboxApi api, List<Path> files, int clients) {
        Upload[] uploads = new Upload[files.size()];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < uploads.length; i = next.getAndIncrement()) {
                        uploads[i] = uploadOne(api, files.get(i));
                    }
                });
            }
        }
        return Arrays.asList(uploads);
    }

    private static Upload uploadOne(PixboxApi api, Path file) {
        Instant start = Instant.now();
        try {
            List<UUID> jobs = api.upload(file);
            return new Upload(file, start, Instant.now(), jobs, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new Upload(file, start, Instant.now(), List.of(), e.toString());
        }
    }

    /** The jobs of every upload as last read: final, or whatever they were when {@code deadline} passed. */
    private static Map<UUID, JobRecord> awaitFinal(PixboxApi api, List<Upload> uploads, Duration poll,
                                                   Instant deadline) throws IOException, InterruptedException {
        Map<UUID, JobRecord> jobs = new LinkedHashMap<>();
        for (Upload upload : uploads) {
            for (UUID id : upload.jobs()) {
                JobRecord job = api.job(id);
                while (!job.isFinal() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(poll);
                    job = api.job(id);
                }
                jobs.put(id, job);
            }
        }
        return jobs;
    }
}
