package io.pixbox.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5));

    @Test
    void waitsTheInitialDelayAfterTheFirstAttempt() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void multipliesTheDelayWithEachFurtherAttempt() {
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(8)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void neverWaitsLongerThanTheMaximumDelay() {
        assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aMultiplierOfOneWaitsTheSameEachTime() {
        RetryPolicy constant = new RetryPolicy(3, Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10));
        assertThat(constant.delayAfter(1)).isEqualTo(constant.delayAfter(50)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void keepsFractionalMultipliersToTheMillisecond() {
        RetryPolicy gentle = new RetryPolicy(5, Duration.ofSeconds(1), 1.5, Duration.ofMinutes(1));
        assertThat(gentle.delayAfter(3)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void refusesAnAttemptBeforeTheFirst() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy.delayAfter(0))
                .withMessage("attempt must be at least 1, got 0");
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5)))
                .withMessage("maxAttempts must be at least 1, got 0");
    }

    @Test
    void refusesAnInitialDelayThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(5, Duration.ZERO, 2.0, Duration.ofMinutes(5)))
                .withMessage("initialDelay must be positive, got PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(5, null, 2.0, Duration.ofMinutes(5)));
    }

    @Test
    void refusesAMultiplierThatWouldShortenTheWaits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(2), 0.5, Duration.ofMinutes(5)))
                .withMessage("multiplier must be at least 1.0, got 0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(2), Double.NaN, Duration.ofMinutes(5)));
    }

    @Test
    void refusesAMaximumDelayShorterThanTheInitialDelay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)))
                .withMessage("maxDelay must be at least initialDelay (PT2S), got PT1S");
    }
}
