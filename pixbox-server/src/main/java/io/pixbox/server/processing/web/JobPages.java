package io.pixbox.server.processing.web;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Images;
import io.pixbox.server.processing.JobHistory;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.JobState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The jobs page: the signed-in user's jobs newest first, followed live over one event stream, with why a failed or
 * dead job failed and a button to retry it.
 */
@Controller
@ConditionalOnRole(Role.API)
class JobPages {

    private static final int PAGE = 50;
    private static final int MOST_FOLLOWED = JobHistory.MAX_PAGE;

    private final JobHistory history;
    private final JobQueue queue;
    private final JobEvents events;
    private final Images images;

    JobPages(JobHistory history, JobQueue queue, JobEvents events, Images images) {
        this.history = history;
        this.queue = queue;
        this.events = events;
        this.images = images;
    }

    @GetMapping("/jobs")
    String jobs(@AuthenticationPrincipal Caller caller, @RequestParam Optional<String> state,
                @RequestParam Optional<Long> cursor, Model model) {
        Optional<JobState> wanted = state.filter(text -> !text.isBlank()).map(JobState::fromText);
        List<JobHistory.Entry> page = history.page(Optional.of(caller.id()), wanted, cursor, PAGE + 1);
        boolean more = page.size() > PAGE;
        List<JobHistory.Entry> shown = more ? page.subList(0, PAGE) : page;
        model.addAttribute("entries", shown);
        model.addAttribute("state", wanted.map(JobState::text).orElse(""));
        model.addAttribute("next", more ? shown.getLast().seq() : null);
        return cursor.isPresent() ? "processing/jobs :: rows" : "processing/jobs";
    }

    /** One job's row as it is now; the page fetches it again when the job's events say it changed. */
    @GetMapping("/jobs/{id}/row")
    String row(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        return row(history.find(caller, id), model);
    }

    /** The changes of the jobs named, in one stream. */
    @GetMapping(path = "/jobs/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@AuthenticationPrincipal Caller caller, @RequestParam("id") List<UUID> ids) {
        if (ids.size() > MOST_FOLLOWED) {
            throw new IllegalArgumentException("id: at most " + MOST_FOLLOWED + " jobs in one stream, got " + ids.size());
        }
        return events.follow(ids.stream().distinct().map(id -> history.find(caller, id)).toList());
    }

    @PostMapping("/jobs/{id}/retry")
    String retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        Job job = history.find(caller, id);
        return row(queue.requeue(id).orElseThrow(() -> new JobNotRetryableException(job)), model);
    }

    private String row(Job job, Model model) {
        model.addAttribute("job", JobView.of(job));
        model.addAttribute("fileName", images.find(job.imageId()).map(image -> image.fileName()).orElse(""));
        return "processing/row :: row";
    }
}
