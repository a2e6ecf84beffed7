package io.pixbox.cli.client;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows uploads on stderr: on a terminal a bar per file being sent and one for all of them, redrawn in place;
 * elsewhere one line per file when it is done. Called from many threads at once.
 */
final class UploadProgress {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter err;
    private final boolean bars;
    private final long totalBytes;
    private final int totalFiles;
    private final Map<String, long[]> active = new LinkedHashMap<>(); // name -> {sent, size}
    private long sentBytes;
    private int doneFiles;
    private int drawnLines;
    private long lastDrawn;

    UploadProgress(PrintWriter err, boolean bars, int totalFiles, long totalBytes) {
        this.err = err;
        this.bars = bars;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
    }

    synchronized void started(String name, long size) {
        active.put(name, new long[] {0, size});
        draw(true);
    }

    synchronized void sent(String name, long bytes) {
        long[] file = active.get(name);
        if (file != null) {
            file[0] += bytes;
        }
        sentBytes += bytes;
        draw(false);
    }

    /** A retry starts the file again: what it sent before does not count. */
    synchronized void restarted(String name, String why) {
        long[] file = active.get(name);
        if (file != null) {
            sentBytes -= file[0];
            file[0] = 0;
        }
        line("pixbox: retrying " + name + ": " + why);
    }

    synchronized void finished(String name, String outcome) {
        long[] file = active.remove(name);
        if (file != null) {
            sentBytes += file[1] - file[0]; // a refused file counts as done
        }
        doneFiles++;
        line(outcome);
    }

    synchronized void close() {
        clear();
        err.flush();
    }

    /** Prints a line above the bars. */
    private void line(String text) {
        clear();
        err.println(text);
        draw(true);
    }

    private void draw(boolean now) {
        if (!bars || (!now && System.nanoTime() - lastDrawn < REDRAW_NANOS)) {
            return;
        }
        clear();
        for (Map.Entry<String, long[]> file : active.entrySet()) {
            err.println(bar(file.getValue()[0], file.getValue()[1]) + "  " + file.getKey() + "\033[K");
        }
        err.println(bar(sentBytes, totalBytes) + "  " + doneFiles + "/" + totalFiles + " files\033[K");
        drawnLines = active.size() + 1;
        err.flush();
        lastDrawn = System.nanoTime();
    }

    private void clear() {
        if (bars && drawnLines > 0) {
            err.print("\033[" + drawnLines + "A\033[J");
            drawnLines = 0;
        }
    }

    /** Such as {@code [#########...............]  37%}. */
    static String bar(long done, long total) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
        long percent = total <= 0 ? 100 : Math.min(100, 100 * done / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent);
    }
}
