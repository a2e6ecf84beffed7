package io.pixbox.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: counts failed sign-ins per username and per client address in a sliding window,
 * and refuses further attempts from either once its limit is reached, until the oldest failure leaves the window.
 * Counted in this process's memory: each API process throttles on its own.
 */
@Component
class LoginThrottle {

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final AccountProperties.Throttle settings;
    private final Clock clock;

    LoginThrottle(AccountProperties settings, Clock clock) {
        this.settings = settings.throttle();
        this.clock = clock;
    }

    /** @throws AccountException when the username or the address has failed too often lately */
    void check(String username, String address) {
        Instant now = clock.instant();
        long wait = Math.max(waitFor(accountKey(username), settings.perAccount(), now),
                waitFor(addressKey(address), settings.perAddress(), now));
        if (wait > 0) {
            throw new AccountException(AccountException.Kind.THROTTLED, "auth.throttled",
                    "too many failed sign-ins; try again in " + wait + " seconds", wait);
        }
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(accountKey(username), now);
        record(addressKey(address), now);
    }

    /** A success clears the account's failures, not the address's: one right guess does not excuse many wrong ones. */
    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private long waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(settings.window())).toSeconds());
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(settings.window()).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
