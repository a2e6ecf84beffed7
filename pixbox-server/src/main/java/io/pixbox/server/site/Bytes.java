package io.pixbox.server.site;

import java.util.Locale;

/** Sizes of files as the pages show them. */
public final class Bytes {

    private Bytes() {
    }

    /** {@code 2.4 MB}, {@code 310 KB}, {@code 512 bytes}; a whole number of megabytes without decimals. */
    public static String readable(long bytes) {
        if (bytes >= 1024 * 1024) {
            double megabytes = bytes / (1024.0 * 1024);
            return bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)) + " MB"
                    : String.format(Locale.ROOT, "%.1f MB", megabytes);
        }
        return bytes >= 1024 ? Math.round(bytes / 1024.0) + " KB" : bytes + " bytes";
    }
}
