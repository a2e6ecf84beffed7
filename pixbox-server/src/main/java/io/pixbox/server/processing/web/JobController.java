package io.pixbox.server.processing.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.processing.JobHistory;
import io.pixbox.server.queue.JobState;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Optional;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The jobs API: a job's state, its progress as server-sent events, and a retry of a failed or dead one. */
@RestController
@ConditionalOnRole(Role.API)
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs", description = "Follow the processing of images")
@ApiResponse(responseCode = "400", description = "A malformed id (request.invalid)", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "401", description = "Not signed in (auth.required, auth.invalid_token)", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "Not the owner of the job's image nor an admin (auth.forbidden)", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "503", description = "The database is unavailable (database.unavailable)", content = @Content(mediaType = "application/problem+json"))
class JobController {

    private final JobQueue queue;
    private final JobEvents events;
    private final JobHistory history;

    JobController(JobQueue queue, JobEvents events, JobHistory history) {
        this.queue = queue;
        this.events = events;
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "Jobs newest first: the caller's own, or everyone's for an admin",
            description = "An admin sees every account's jobs; pass mine=true to see only one's own.")
    @ApiResponse(responseCode = "200", description = "One page; pass nextCursor as cursor for the next")
    JobHistory.Page list(@AuthenticationPrincipal Caller caller,
                 @Parameter(description = "Only jobs in this state: queued, running, succeeded, failed or dead")
                 @RequestParam Optional<String> state,
                 @Parameter(description = "The nextCursor of the previous page") @RequestParam Optional<String> cursor,
                 @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") int limit,
                 @Parameter(description = "Only the caller's own jobs, also for an admin") @RequestParam(defaultValue = "false") boolean mine) {
        Optional<JobState> wanted = state.map(text -> {
            try {
                return JobState.fromText(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state: must be queued, running, succeeded, failed or dead, got " + text);
            }
        });
        return history.page(caller, wanted, cursor, limit, mine);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job's state, attempts and last error")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such job (job.not_found)", content = @Content(mediaType = "application/problem+json"))
    JobView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return JobView.of(find(caller, id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a job as server-sent events",
            description = "Sends a `job` event with the job at once and again whenever its state, attempts or error "
                    + "change, then ends the stream when the job is succeeded, failed or dead.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = "text/event-stream"))
    @ApiResponse(responseCode = "404", description = "No such job (job.not_found)", content = @Content(mediaType = "application/problem+json"))
    SseEmitter events(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return events.follow(List.of(find(caller, id)));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Queue a failed or dead job again, its attempts reset")
    @ApiResponse(responseCode = "200", description = "The job, queued")
    @ApiResponse(responseCode = "404", description = "No such job (job.not_found)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The job is not failed or dead (job.not_retryable)", content = @Content(mediaType = "application/problem+json"))
    JobView retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Job job = find(caller, id);
        return queue.requeue(id).map(JobView::of).orElseThrow(() -> new JobNotRetryableException(job));
    }

    private Job find(Caller caller, UUID id) {
        return history.find(caller, id);
    }
}
