package io.pixbox.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import io.pixbox.server.queue.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How failed sign-ins are counted per username and per address in a sliding window. */
class LoginThrottleTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new AccountProperties(false, null, Duration.ofMinutes(15),
            Duration.ofDays(30), List.of(), new AccountProperties.Throttle(Duration.ofMinutes(15), 3, 5),
            new AccountProperties.OAuth("/", "/signin", AccountProperties.HandOff.SESSION)), clock);

    @Test
    void refusesAUsernameAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
        // given
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }

        // when
        AccountException refused = catchThrowableOfType(AccountException.class, () -> throttle.check("Alice", "10.9.9.9"));

        // then: the first failure was 3 minutes ago, so it leaves the 15-minute window in 12
        assertThat(refused.code()).isEqualTo("auth.throttled");
        assertThat(refused.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(12).toSeconds());
        clock.advance(Duration.ofMinutes(12));
        throttle.check("alice", "10.9.9.9");
    }

    @Test
    void refusesAnAddressThatFailsForManyUsernames() {
        // given: one failure each for five names, from one address
        for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
            throttle.failed(name, "192.0.2.7");
        }

        // when, then: a sixth name from there is refused, the same name from elsewhere is not
        assertThatThrownBy(() -> throttle.check("a6", "192.0.2.7")).isInstanceOf(AccountException.class);
        throttle.check("a6", "192.0.2.8");
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(i < 2 ? "bob" : "other" + i, "198.51.100.1");
        }

        throttle.succeeded("bob");

        throttle.check("bob", "198.51.100.2");
        assertThatThrownBy(() -> throttle.check("bob", "198.51.100.1")).isInstanceOf(AccountException.class);
    }
}
