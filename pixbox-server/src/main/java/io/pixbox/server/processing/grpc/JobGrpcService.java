package io.pixbox.server.processing.grpc;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.pixbox.api.v1.GetJobRequest;
import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.JobServiceGrpc;
import io.pixbox.api.v1.ListJobsRequest;
import io.pixbox.api.v1.ListJobsResponse;
import io.pixbox.api.v1.WatchJobRequest;
import io.pixbox.server.account.Caller;
import io.pixbox.server.grpc.GrpcCalls;
import io.pixbox.server.grpc.GrpcErrors;
import io.pixbox.server.processing.JobHistory;
import io.pixbox.server.processing.JobNotFoundException;
import io.pixbox.server.processing.JobWatch;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/** pixbox.v1.JobService: a job, its changes as a stream, and the caller's jobs; the same services as REST's. */
@Service
@ConditionalOnRole(Role.API)
class JobGrpcService extends JobServiceGrpc.JobServiceImplBase {

    private final JobHistory history;
    private final JobWatch watch;
    private final GrpcErrors errors;

    JobGrpcService(JobHistory history, JobWatch watch, GrpcErrors errors) {
        this.history = history;
        this.watch = watch;
        this.errors = errors;
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<Job> responses) {
        Caller caller = GrpcCalls.requiredCaller();
        responses.onNext(JobMessages.job(history.find(caller, GrpcCalls.id("job_id", request.getJobId()))));
        responses.onCompleted();
    }

    @Override
    public void watchJob(WatchJobRequest request, StreamObserver<Job> responses) {
        Caller caller = GrpcCalls.requiredCaller();
        UUID id = GrpcCalls.id("job_id", request.getJobId());
        io.pixbox.server.queue.Job job = history.find(caller, id);
        ServerCallStreamObserver<Job> call = (ServerCallStreamObserver<Job>) responses;
        // Cancelled by the client or past its deadline: stop reading the job for it. Set before the watch starts,
        // as gRPC requires; a cancellation before then ends the watch at its first change.
        AtomicReference<JobWatch.Watching> watching = new AtomicReference<>();
        call.setOnCancelHandler(() -> Optional.ofNullable(watching.get()).ifPresent(JobWatch.Watching::cancel));
        watching.set(watch.follow(job, new JobWatch.Follower() {
            @Override
            public void changed(io.pixbox.server.queue.Job now) {
                if (call.isCancelled()) {
                    throw Status.CANCELLED.asRuntimeException();
                }
                call.onNext(JobMessages.job(now));
            }

            @Override
            public void finished() {
                call.onCompleted();
            }

            @Override
            public void deleted() {
                call.onError(errors.handleException(new JobNotFoundException(id)));
            }

            @Override
            public void failed(RuntimeException e) {
                call.onError(errors.handleException(e));
            }
        }));
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> responses) {
        Caller caller = GrpcCalls.requiredCaller();
        JobHistory.Page page = history.page(caller, JobMessages.filter(request.getState()),
                Optional.of(request.getPageToken()).filter(token -> !token.isEmpty()),
                GrpcCalls.pageSize(request.getPageSize()), request.getOnlyMine());
        responses.onNext(ListJobsResponse.newBuilder()
                .addAllJobs(page.items().stream().map(JobMessages::summary).toList())
                .setNextPageToken(Objects.toString(page.nextCursor(), ""))
                .build());
        responses.onCompleted();
    }
}
