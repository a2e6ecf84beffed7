package io.pixbox.server.image.web;

import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.Upload;
import io.pixbox.server.processing.web.JobView;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.NewJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/** Takes the files of a multipart upload, from the API or the upload page, into {@link Ingest}. */
@Component
class MultipartUploads {

    private final Ingest ingest;
    private final JobQueue queue;
    private final Path scratch;

    MultipartUploads(Ingest ingest, JobQueue queue, PixboxProperties pixbox) throws IOException {
        this.ingest = ingest;
        this.queue = queue;
        this.scratch = Files.createDirectories(pixbox.dataDir().resolve("tmp"));
    }

    /** Spools the files, ingests them all or none, and answers the images with their jobs as recorded. */
    UploadResponse accept(Caller caller, List<MultipartFile> files, List<Recipe> recipes) {
        return accept(caller, files, recipes, Optional.empty()).response();
    }

    /** The answer to an upload, and whether it is an earlier one's, replayed for its idempotency key. */
    record Accepted(UploadResponse response, boolean replayed) {
    }

    /** As {@link #accept(Caller, List, List)}, once per idempotency key of the caller (see {@link Ingest}). */
    Accepted accept(Caller caller, List<MultipartFile> files, List<Recipe> recipes, Optional<String> idempotencyKey) {
        List<Upload> uploads = new ArrayList<>();
        try {
            for (MultipartFile file : files) {
                Path spooled = Files.createTempFile(scratch, "upload-", ".part");
                uploads.add(new Upload(Upload.safeFileName(file.getOriginalFilename()), spooled));
                file.transferTo(spooled);
            }
            Ingest.Outcome outcome = ingest.ingest(uploads, recipes, caller.id(), () -> true, idempotencyKey);
            return new Accepted(new UploadResponse(outcome.images().stream()
                    .map(done -> ImageView.of(done.image(), null, jobViews(done.jobs())))
                    .toList()), outcome.replayed());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload to " + scratch, e);
        } finally {
            uploads.forEach(upload -> upload.file().toFile().delete());
        }
    }

    /** The jobs as recorded, which may have moved on since they were queued (or gone, with a deleted image). */
    private List<JobView> jobViews(List<NewJob> jobs) {
        return jobs.stream().map(job -> queue.find(job.id())).flatMap(Optional::stream).map(JobView::of).toList();
    }
}
