package io.pixbox.server.queue;

import java.time.Duration;

/**
 * How often a job is tried and how long it waits between tries: an exponential back-off, capped.
 *
 * @param maxAttempts  how many attempts a job gets before it is dead
 * @param initialDelay the wait after the first failed attempt
 * @param multiplier   how much longer each further wait is than the one before
 * @param maxDelay     the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public RetryPolicy {
        require(maxAttempts >= 1, "maxAttempts must be at least 1, got " + maxAttempts);
        require(initialDelay != null && initialDelay.isPositive(), "initialDelay must be positive, got " + initialDelay);
        require(multiplier >= 1.0, "multiplier must be at least 1.0, got " + multiplier);
        require(maxDelay != null && maxDelay.compareTo(initialDelay) >= 0,
                "maxDelay must be at least initialDelay (" + initialDelay + "), got " + maxDelay);
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first): initialDelay × multiplier^(attempt−1), at most maxDelay. */
    public Duration delayAfter(int attempt) {
        require(attempt >= 1, "attempt must be at least 1, got " + attempt);
        // In double, so that a large attempt overflows to infinity, which the cap absorbs, rather than wrapping.
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
