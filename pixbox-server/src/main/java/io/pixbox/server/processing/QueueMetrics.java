package io.pixbox.server.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.JobState;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code pixbox.jobs{state}} and {@code pixbox.queue.depth}, counted in the database, so every process reports the
 * whole pipeline; counted at most once a second however often Prometheus scrapes.
 */
@Component
class QueueMetrics implements MeterBinder {

    private static final long FRESH_FOR_NANOS = 1_000_000_000L;

    private final JobQueue queue;
    private Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    private long depth;
    private long countedAt = System.nanoTime() - 2 * FRESH_FOR_NANOS;

    QueueMetrics(JobQueue queue) {
        this.queue = queue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("pixbox.jobs", this, metrics -> metrics.count(state))
                    .tag("state", state.text()).description("Jobs in each state").register(registry);
        }
        Gauge.builder("pixbox.queue.depth", this, QueueMetrics::depth)
                .description("Jobs ready to be claimed now").register(registry);
    }

    private synchronized double count(JobState state) {
        refresh();
        return counts.getOrDefault(state, 0L);
    }

    private synchronized double depth() {
        refresh();
        return depth;
    }

    private void refresh() {
        if (System.nanoTime() - countedAt < FRESH_FOR_NANOS) {
            return;
        }
        try {
            counts = new EnumMap<>(queue.countByState());
            depth = queue.depth();
        } catch (RuntimeException e) {
            // The database is down: report the last known figures; its health indicator says why.
        }
        countedAt = System.nanoTime();
    }
}
