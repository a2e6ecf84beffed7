package io.pixbox.server.queue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a job is in its life. The allowed transitions are listed here and nowhere else:
 *
 * <pre>
 * queued ──claim──▶ running ──▶ succeeded
 *   ▲                  │ ├────▶ failed   (permanent: the input or recipe can never work)
 *   │                  │ └────▶ dead     (transient failure on the last attempt, or lease lost on it)
 *   └──retry/release───┘                 (transient failure with attempts left: queued again after a back-off;
 *                                          released on shutdown or a lost lease)
 * failed, dead ──requeue──▶ queued       (by a person)
 * </pre>
 *
 * A job waiting for its retry is {@code queued} with {@code attempts ≥ 1}, its last error and the time it
 * becomes ready.
 */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, DEAD;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, DEAD, QUEUED),
            SUCCEEDED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(QUEUED),
            DEAD, EnumSet.of(QUEUED));

    /** Whether a job in this state may move to {@code next}. */
    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Throws when a job in this state may not move to {@code next}. */
    public void checkMoveTo(JobState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a " + text() + " job cannot become " + next.text());
        }
    }

    /** Whether nothing more will happen to the job unless a person requeues it. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DEAD;
    }

    /** The lower-case name used in the API, the database and metrics. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromText(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
