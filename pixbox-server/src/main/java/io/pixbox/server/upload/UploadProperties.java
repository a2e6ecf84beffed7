package io.pixbox.server.upload;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How direct uploads behave ({@code pixbox.uploads}).
 *
 * @param ttl           how long an upload's signed request stays valid; an upload not completed by then is
 *                      expired and its object removed (S3 allows at most 7 days)
 * @param sweepInterval how often the scheduler looks for expired uploads
 */
@ConfigurationProperties("pixbox.uploads")
@Validated
public record UploadProperties(
        @DefaultValue("15m") @NotNull Duration ttl,
        @DefaultValue("5m") @NotNull Duration sweepInterval) {

    static final Duration LONGEST_TTL = Duration.ofDays(7);

    public UploadProperties {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("pixbox.uploads.ttl must be more than 0 and at most 7 days, got " + ttl);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("pixbox.uploads.sweep-interval must be more than 0, got " + sweepInterval);
        }
    }
}
