package io.pixbox.server.processing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker runs jobs ({@code pixbox.processing}).
 *
 * @param concurrency   jobs one worker process runs at once; 0 means one per processor core
 * @param shutdownGrace how long stopping waits for running jobs to finish before giving the rest back to the queue
 * @param claimWait     how long one claim waits for a job before asking again (a notification ends the wait early)
 */
@ConfigurationProperties("pixbox.processing")
@Validated
public record ProcessingProperties(
        @DefaultValue("0") @PositiveOrZero int concurrency,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("10s") @NotNull Duration claimWait) {

    /** The number of jobs run at once. */
    public int threads() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
