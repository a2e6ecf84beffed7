package io.pixbox.server.processing.web;

import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Images;
import io.pixbox.server.processing.JobNotFoundException;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Finds a job for a caller who may see it: jobs are private to the owner of their image and to admins. */
@Component
class OwnedJobs {

    private final JobQueue queue;
    private final Images images;

    OwnedJobs(JobQueue queue, Images images) {
        this.queue = queue;
        this.images = images;
    }

    /**
     * @throws JobNotFoundException when there is no such job, or its image is gone
     * @throws io.pixbox.server.account.ForbiddenException when the caller neither owns the image nor is an admin
     */
    Job find(Caller caller, UUID id) {
        Job job = queue.find(id).orElseThrow(() -> new JobNotFoundException(id));
        Image image = images.find(job.imageId()).orElseThrow(() -> new JobNotFoundException(id));
        caller.checkOwnerOrAdmin(image.ownerId(), "job " + id);
        return job;
    }
}
