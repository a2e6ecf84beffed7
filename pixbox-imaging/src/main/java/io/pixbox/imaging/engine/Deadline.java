package io.pixbox.imaging.engine;

import io.pixbox.imaging.ImagingException;
import java.time.Duration;

/** A point in time by which processing must finish; checked between steps and enforced during decodes. */
public record Deadline(long endNanos, Duration limit) {

    public static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** Throws {@link ImagingException.TimedOut} once the deadline has passed. */
    public void check() {
        if (expired()) {
            throw timedOut();
        }
    }

    public ImagingException.TimedOut timedOut() {
        return new ImagingException.TimedOut("processing took longer than the limit of "
                + limit.toMillis() + " ms");
    }
}
