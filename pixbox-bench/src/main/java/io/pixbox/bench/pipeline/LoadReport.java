package io.pixbox.bench.pipeline;

import io.pixbox.bench.pipeline.PipelineLoad.Upload;
import io.pixbox.bench.pipeline.PixboxApi.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The figures of one load run. Client times (an upload's start and answer) and server times (a job's
 * {@code createdAt}, {@code startedAt}, {@code finishedAt}) come from the same machine's clock, so they compare.
 *
 * <ul>
 *   <li>uploads/s: uploads ÷ time from the first upload's start to the last upload's answer;</li>
 *   <li>first variant: per image, its first job's {@code finishedAt} − its upload's start; p50 and p99 by nearest
 *       rank (with fewer than 100 images p99 is the slowest image);</li>
 *   <li>variants/s: succeeded jobs ÷ the span, from the first upload's start to the last job's {@code finishedAt}.</li>
 * </ul>
 *
 * <p>And where the time goes: a job's time is {@code finishedAt − startedAt} (fetching the original, processing,
 * storing and recording the variant), averaged over all jobs and over those started before and after the last
 * upload was answered; worker occupancy is the jobs' time ÷ (workers × span); the first job's {@code createdAt}
 * after the first upload's start (the workers have nothing to do until then); the worker-seconds during which a
 * worker was free while a job was queued (claim and dispatch latency); and variants/s from the last upload's answer
 * to the last variant.
 */
final class LoadReport {

    private final List<Upload> uploads;
    private final Map<UUID, JobRecord> jobs;
    private final int workers;

    LoadReport(List<Upload> uploads, Map<UUID, JobRecord> jobs, int workers) {
        this.uploads = uploads;
        this.jobs = jobs;
        this.workers = workers;
    }

    /** True when every upload was accepted with its jobs and every job succeeded. */
    boolean valid() {
        return uploads.stream().allMatch(upload -> upload.error() == null && !upload.jobs().isEmpty())
                && count("succeeded") == jobs.size();
    }

    /** The figures as {@code key=value} pairs on one line, for scripts; seconds and rates as plain decimals. */
    String line() {
        List<String> pairs = new ArrayList<>(List.of("valid=" + (valid() ? "yes" : "no"), "images=" + uploads.size(),
                "upload_errors=" + uploadErrors(), "jobs=" + jobs.size(), "succeeded=" + count("succeeded"),
                "failed=" + count("failed"), "dead=" + count("dead"), "unfinished=" + unfinished()));
        if (valid()) {
            pairs.addAll(List.of("upload_s=" + seconds(uploadSpan()),
                    "uploads_per_s=" + perSecond(uploads.size(), uploadSpan()),
                    "first_p50_s=" + seconds(percentile(firstVariantLatencies(), 50)),
                    "first_p99_s=" + seconds(percentile(firstVariantLatencies(), 99)),
                    "span_s=" + seconds(span()), "variants_per_s=" + perSecond(jobs.size(), span()),
                    "job_s=" + seconds(meanJobTime(job -> true)),
                    "job_during_uploads_s=" + seconds(meanJobTime(job -> job.startedAt().isBefore(uploadsEnd()))),
                    "job_after_uploads_s=" + seconds(meanJobTime(job -> !job.startedAt().isBefore(uploadsEnd()))),
                    "occupancy=" + String.format(Locale.ROOT, "%.3f", secondsOf(totalJobTime()) / (workers * secondsOf(span()))),
                    "first_job_queued_s=" + seconds(Duration.between(firstStart(), firstJobCreated())),
                    "idle_with_job_queued_s=" + seconds(idleWithJobQueued()),
                    "after_uploads_variants_per_s=" + perSecond(finishedAfterUploads(),
                            Duration.between(uploadsEnd(), lastFinished()))));
        }
        return String.join(" ", pairs);
    }

    /** The headline figures for people or, loudly, what made the run invalid. */
    String text() {
        if (valid()) {
            return String.format(Locale.ROOT, "%d uploads in %.2f s (%.2f/s); first variant p50 %.2f s, p99 %.2f s; "
                            + "%d variants in %.2f s (%.2f/s)%n", uploads.size(), secondsOf(uploadSpan()),
                    rate(uploads.size(), uploadSpan()), secondsOf(percentile(firstVariantLatencies(), 50)),
                    secondsOf(percentile(firstVariantLatencies(), 99)), jobs.size(), secondsOf(span()),
                    rate(jobs.size(), span()));
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "!!! INVALID RUN: %d uploads refused, "
                + "%d jobs failed, %d dead, %d not finished%n", uploadErrors(), count("failed"), count("dead"), unfinished()));
        uploads.stream().filter(upload -> upload.error() != null).limit(5)
                .forEach(upload -> text.append("!!!   ").append(upload.file()).append(": ").append(upload.error())
                        .append('\n'));
        jobs.values().stream().filter(job -> !job.state().equals("succeeded")).limit(5)
                .forEach(job -> text.append("!!!   job ").append(job.id()).append(' ').append(job.state()).append(' ')
                        .append(job.recipe()).append(": ").append(job.errorCode()).append(' ').append(job.error())
                        .append('\n'));
        return text.toString();
    }

    /** One row per job, times in seconds since the first upload started, for looking into a run. */
    String tsv() {
        Instant zero = firstStart();
        StringBuilder tsv = new StringBuilder(
                "file\tupload_start\tupload_answered\trecipe\tstate\tattempts\tcreated\tstarted\tfinished\n");
        for (Upload upload : uploads) {
            for (UUID id : upload.jobs()) {
                JobRecord job = jobs.get(id);
                tsv.append(String.join("\t", upload.file().getFileName().toString(), since(zero, upload.start()),
                        since(zero, upload.answered()), job.recipe(), job.state(), String.valueOf(job.attempts()),
                        since(zero, job.createdAt()), since(zero, job.startedAt()), since(zero, job.finishedAt())))
                        .append('\n');
            }
        }
        return tsv.toString();
    }

    private long uploadErrors() {
        return uploads.stream().filter(upload -> upload.error() != null).count();
    }

    private long count(String state) {
        return jobs.values().stream().filter(job -> job.state().equals(state)).count();
    }

    private long unfinished() {
        return jobs.values().stream().filter(job -> !job.isFinal()).count();
    }

    private Instant firstStart() {
        return uploads.stream().map(Upload::start).min(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant uploadsEnd() {
        return uploads.stream().map(Upload::answered).max(Comparator.naturalOrder()).orElseThrow();
    }

    private Duration uploadSpan() {
        return Duration.between(firstStart(), uploadsEnd());
    }

    private Instant firstJobCreated() {
        return jobs.values().stream().map(JobRecord::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant lastFinished() {
        return jobs.values().stream().map(JobRecord::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** From the first upload's start to the last variant recorded. */
    private Duration span() {
        return Duration.between(firstStart(), lastFinished());
    }

    private long finishedAfterUploads() {
        return jobs.values().stream().filter(job -> job.finishedAt().isAfter(uploadsEnd())).count();
    }

    private List<Duration> firstVariantLatencies() {
        return uploads.stream()
                .map(upload -> Duration.between(upload.start(), upload.jobs().stream().map(jobs::get)
                        .map(JobRecord::finishedAt).min(Comparator.naturalOrder()).orElseThrow()))
                .sorted().toList();
    }

    private static Duration jobTime(JobRecord job) {
        return Duration.between(job.startedAt(), job.finishedAt());
    }

    private Duration totalJobTime() {
        return jobs.values().stream().map(LoadReport::jobTime).reduce(Duration.ZERO, Duration::plus);
    }

    private Duration meanJobTime(Predicate<JobRecord> which) {
        List<Duration> times = jobs.values().stream().filter(which).map(LoadReport::jobTime).toList();
        return times.isEmpty() ? Duration.ZERO
                : times.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(times.size());
    }

    /** Worker-seconds in which a worker was free while a job was queued, summed between consecutive job events. */
    private Duration idleWithJobQueued() {
        List<Instant> events = jobs.values().stream()
                .flatMap(job -> Stream.of(job.createdAt(), job.startedAt(), job.finishedAt()))
                .distinct().sorted().toList();
        Duration idle = Duration.ZERO;
        for (int i = 1; i < events.size(); i++) {
            Duration step = Duration.between(events.get(i - 1), events.get(i));
            Instant middle = events.get(i - 1).plus(step.dividedBy(2));
            long running = jobs.values().stream()
                    .filter(job -> !job.startedAt().isAfter(middle) && job.finishedAt().isAfter(middle)).count();
            long queued = jobs.values().stream()
                    .filter(job -> !job.createdAt().isAfter(middle) && job.startedAt().isAfter(middle)).count();
            idle = idle.plus(step.multipliedBy(Math.max(0, Math.min(workers - running, queued))));
        }
        return idle;
    }

    /** The nearest-rank percentile of sorted durations; zero for none. */
    private static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double secondsOf(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", secondsOf(duration));
    }

    private static double rate(long count, Duration duration) {
        return duration.isZero() ? 0 : count / secondsOf(duration);
    }

    private static String perSecond(long count, Duration duration) {
        return String.format(Locale.ROOT, "%.3f", rate(count, duration));
    }

    private static String since(Instant zero, Instant time) {
        return time == null ? "" : seconds(Duration.between(zero, time));
    }
}
