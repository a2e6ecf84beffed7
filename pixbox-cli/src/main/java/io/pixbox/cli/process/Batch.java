package io.pixbox.cli.process;

import io.pixbox.cli.process.Outcome.Failed;
import io.pixbox.cli.process.Outcome.Written;
import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.engine.ProcessedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Processes many files on a fixed number of threads into one directory. Each result is written to a
 * hidden temporary file beside its destination and moved into place in one step, so a failed or
 * interrupted image never leaves a partial file. One failure does not stop the others.
 */
final class Batch {

    /** Turns one source file into an encoded image written to {@code out}. */
    @FunctionalInterface
    interface Job {
        ProcessedImage process(Path source, OutputStream out) throws IOException;
    }

    private final Path outDir;
    private final int threads;
    private final Job job;
    private final Set<Path> temporaryFiles = ConcurrentHashMap.newKeySet();

    Batch(Path outDir, int threads, Job job) {
        this.outDir = outDir;
        this.threads = threads;
        this.job = job;
    }

    /** Processes every input and returns what became of each, in input order. */
    Summary run(List<Path> inputs, Progress progress) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> names = outputNames(inputs);
        Set<Path> sources = realPaths(inputs);
        Path realOutDir = outDir.toRealPath();
        progress.started(inputs.size());
        Thread cleanUp = Thread.ofPlatform().unstarted(this::deleteTemporaryFiles); // on Ctrl-C
        Runtime.getRuntime().addShutdownHook(cleanUp);
        List<Future<Outcome>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("pixbox-process-", 1).factory())) {
            for (int i = 0; i < inputs.size(); i++) {
                Path input = inputs.get(i);
                String name = names.get(i);
                results.add(pool.submit(() -> {
                    Outcome outcome = process(input, name, sources, realOutDir);
                    progress.completed(outcome);
                    return outcome;
                }));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already, and the hook is running
            }
        }
        progress.finished();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> result : results) {
            outcomes.add(outcome(result));
        }
        return new Summary(outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    private Outcome process(Path input, String name, Set<Path> sources, Path realOutDir) {
        Path temporary = outDir.resolve(".pixbox-" + UUID.randomUUID() + ".tmp");
        temporaryFiles.add(temporary);
        try {
            long bytesIn = Files.size(input);
            ProcessedImage image;
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                image = job.process(input, out);
            }
            String fileName = name + "." + image.format().extension();
            Path output = outDir.resolve(fileName);
            if (sources.contains(realOutDir.resolve(fileName))) {
                return new Failed(input, "output.is_input", "the output " + output
                        + " would replace an input; write to another --out directory");
            }
            Files.move(temporary, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Written(input, output, bytesIn, image, !name.equals(baseName(input)));
        } catch (ImagingException e) {
            return new Failed(input, e.code(), e.getMessage());
        } catch (IOException e) {
            return new Failed(input, "io.error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Failed(input, "internal.error", e.toString());
        } finally {
            delete(temporary);
            temporaryFiles.remove(temporary);
        }
    }

    private static Outcome outcome(Future<Outcome> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) { // only an Error gets here: process() turns exceptions into outcomes
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Each input's base name, with {@code -2}, {@code -3}… for later inputs of the same name (compared
     * ignoring case, for case-insensitive file systems), decided in input order so reruns name alike.
     */
    static List<String> outputNames(List<Path> inputs) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Path input : inputs) {
            String base = baseName(input);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            names.add(name);
        }
        return names;
    }

    /** The file name without its last extension: {@code photo} for {@code photo.jpg}. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Set<Path> realPaths(List<Path> inputs) {
        Set<Path> paths = new HashSet<>();
        for (Path input : inputs) {
            try {
                paths.add(input.toRealPath());
            } catch (IOException e) {
                // gone already: processing it will say so
            }
        }
        return paths;
    }

    private void deleteTemporaryFiles() {
        temporaryFiles.forEach(Batch::delete);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a hidden temporary file is all that can remain
        }
    }
}
