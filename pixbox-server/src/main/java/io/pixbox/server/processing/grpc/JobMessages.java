package io.pixbox.server.processing.grpc;

import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.JobState;
import io.pixbox.api.v1.JobSummary;
import io.pixbox.server.processing.JobHistory;
import java.util.Objects;
import java.util.Optional;

import static io.pixbox.server.grpc.GrpcCalls.timestamp;

/** Jobs as the gRPC API shows them. */
public final class JobMessages {

    private JobMessages() {
    }

    public static Job job(io.pixbox.server.queue.Job job) {
        Job.Builder message = Job.newBuilder()
                .setId(job.id().toString())
                .setImageId(job.imageId().toString())
                .setRecipe(job.recipe())
                .setState(state(job.state()))
                .setAttempts(job.attempts())
                .setMaxAttempts(job.maxAttempts())
                .setError(Objects.toString(job.error(), ""))
                .setErrorCode(Objects.toString(job.errorCode(), ""))
                .setCreatedAt(timestamp(job.createdAt()))
                .setRunAt(timestamp(job.runAt()));
        Optional.ofNullable(job.startedAt()).ifPresent(at -> message.setStartedAt(timestamp(at)));
        Optional.ofNullable(job.finishedAt()).ifPresent(at -> message.setFinishedAt(timestamp(at)));
        return message.build();
    }

    static JobSummary summary(JobHistory.Entry entry) {
        JobSummary.Builder message = JobSummary.newBuilder()
                .setId(entry.id().toString())
                .setImageId(entry.imageId().toString())
                .setFileName(entry.fileName())
                .setRecipe(entry.recipe())
                .setState(state(entry.state()))
                .setAttempts(entry.attempts())
                .setErrorCode(Objects.toString(entry.errorCode(), ""))
                .setError(Objects.toString(entry.error(), ""))
                .setCreatedAt(timestamp(entry.createdAt()));
        Optional.ofNullable(entry.finishedAt()).ifPresent(at -> message.setFinishedAt(timestamp(at)));
        return message.build();
    }

    static JobState state(io.pixbox.server.queue.JobState state) {
        return switch (state) {
            case QUEUED -> JobState.JOB_STATE_QUEUED;
            case RUNNING -> JobState.JOB_STATE_RUNNING;
            case SUCCEEDED -> JobState.JOB_STATE_SUCCEEDED;
            case FAILED -> JobState.JOB_STATE_FAILED;
            case DEAD -> JobState.JOB_STATE_DEAD;
        };
    }

    /** The state a filter names; empty for JOB_STATE_UNSPECIFIED. */
    static Optional<io.pixbox.server.queue.JobState> filter(JobState state) {
        return switch (state) {
            case JOB_STATE_UNSPECIFIED -> Optional.empty();
            case JOB_STATE_QUEUED -> Optional.of(io.pixbox.server.queue.JobState.QUEUED);
            case JOB_STATE_RUNNING -> Optional.of(io.pixbox.server.queue.JobState.RUNNING);
            case JOB_STATE_SUCCEEDED -> Optional.of(io.pixbox.server.queue.JobState.SUCCEEDED);
            case JOB_STATE_FAILED -> Optional.of(io.pixbox.server.queue.JobState.FAILED);
            case JOB_STATE_DEAD -> Optional.of(io.pixbox.server.queue.JobState.DEAD);
            case UNRECOGNIZED -> throw new IllegalArgumentException("state: not a JobState this server knows");
        };
    }
}
