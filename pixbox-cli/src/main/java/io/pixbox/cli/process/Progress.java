package io.pixbox.cli.process;

import io.pixbox.cli.process.Outcome.Failed;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells the user how a batch is going, on stderr: a line for each failure as it happens and, on a
 * terminal, a progress bar redrawn in place. Called from many threads at once.
 */
public final class Progress {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter err;
    private final boolean bar;
    private final LongSupplier nanoTime;
    private int total;
    private int completed;
    private int failed;
    private long start;
    private long lastDrawn;

    Progress(PrintWriter err, boolean bar, LongSupplier nanoTime) {
        this.err = err;
        this.bar = bar;
        this.nanoTime = nanoTime;
    }

    /** Progress on {@code err}, with a bar when stderr is a terminal. */
    static Progress on(PrintWriter err) {
        return new Progress(err, stderrIsTerminal(), System::nanoTime);
    }

    synchronized void started(int images) {
        total = images;
        start = nanoTime.getAsLong();
        draw();
    }

    synchronized void completed(Outcome outcome) {
        completed++;
        if (outcome instanceof Failed failure) {
            failed++;
            clearBar();
            err.println("pixbox: failed: " + failure.input() + ": " + failure.reason() + " [" + failure.code() + "]");
        }
        if (nanoTime.getAsLong() - lastDrawn >= REDRAW_NANOS || completed == total || outcome instanceof Failed) {
            draw();
        }
        err.flush();
    }

    /** Removes the bar, so that what follows starts on a clean line. */
    synchronized void finished() {
        clearBar();
        err.flush();
    }

    /** The bar, such as {@code [#####.....] 12/40  3 failed  8.2 img/s}. */
    static String bar(int completed, int total, int failed, double imagesPerSecond) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * completed / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + completed + "/" + total
                + (failed > 0 ? "  " + failed + " failed" : "")
                + String.format(Locale.ROOT, "  %.1f img/s", imagesPerSecond);
    }

    private void draw() {
        if (bar) {
            long now = nanoTime.getAsLong();
            double seconds = (now - start) / 1e9;
            err.print("\r" + bar(completed, total, failed, seconds > 0 ? completed / seconds : 0) + "\033[K");
            lastDrawn = now;
        }
    }

    private void clearBar() {
        if (bar) {
            err.print("\r\033[K");
        }
    }

    /**
     * Whether stderr is a terminal. Java only says so of the console (stdin and stdout); on Linux,
     * {@code /proc} tells where stderr goes, so {@code 2>log} gets plain lines.
     */
    public static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (!Files.exists(stderr, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(stderr).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException e) {
            return false;
        }
    }
}
