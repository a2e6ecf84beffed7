package io.pixbox.server.image;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long upload idempotency keys are remembered ({@code pixbox.uploads.idempotency}).
 *
 * @param ttl           how long a key answers its first upload's images; after that it is forgotten and may be
 *                      used again
 * @param sweepInterval how often the scheduler removes keys older than {@code ttl}
 */
@ConfigurationProperties("pixbox.uploads.idempotency")
@Validated
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull Duration ttl,
        @DefaultValue("1h") @NotNull Duration sweepInterval) {

    public IdempotencyProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("pixbox.uploads.idempotency.ttl must be more than 0, got " + ttl);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("pixbox.uploads.idempotency.sweep-interval must be more than 0, got "
                    + sweepInterval);
        }
    }
}
