package io.pixbox.server.image.grpc;

import io.grpc.Context;
import io.grpc.Status.Code;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.pixbox.api.v1.UploadMetadata;
import io.pixbox.api.v1.UploadRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.account.Caller;
import io.pixbox.server.grpc.GrpcErrors;
import io.pixbox.server.grpc.GrpcRefusal;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.RecipeRequests;
import io.pixbox.server.image.Upload;
import io.pixbox.server.processing.grpc.JobMessages;
import io.pixbox.server.queue.JobQueue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One upload stream: checks the metadata, spools the chunks to a scratch file while counting them against the
 * byte limit, and hands the file to {@link Ingest} only once the client has sent all of it. A stream that is
 * cancelled, runs past its deadline or is refused leaves nothing: the scratch file is deleted, nothing recorded.
 */
final class UploadReceiver implements StreamObserver<UploadRequest> {

    /** What every upload stream shares: where scratch files go, the byte limit, the services it calls. */
    record Shared(Ingest ingest, RecipeRequests recipes, JobQueue queue, ImageMessages messages, GrpcErrors errors,
                  Path scratch, long maxBytes) {
    }

    private final Shared shared;
    private final Caller caller;
    private final ServerCallStreamObserver<UploadResponse> call;
    private UploadMetadata metadata;
    private List<Recipe> recipes;
    private Path spooled;
    private OutputStream out;
    private long received;
    private boolean over;

    UploadReceiver(Shared shared, Caller caller, StreamObserver<UploadResponse> responses) {
        this.shared = shared;
        this.caller = caller;
        this.call = (ServerCallStreamObserver<UploadResponse>) responses;
        // Runs on cancellation and on a deadline passing, whatever the stream is doing.
        this.call.setOnCancelHandler(this::discard);
    }

    @Override
    public void onNext(UploadRequest request) {
        if (over) {
            return;
        }
        try {
            switch (request.getPartCase()) {
                case METADATA -> start(request.getMetadata());
                case CHUNK -> append(request.getChunk().toByteArray());
                case PART_NOT_SET -> throw new GrpcRefusal(Code.INVALID_ARGUMENT, "request.invalid",
                        "upload: a message must carry metadata or a chunk");
            }
        } catch (RuntimeException e) {
            refuse(e);
        }
    }

    private void start(UploadMetadata sent) {
        if (metadata != null) {
            throw new GrpcRefusal(Code.INVALID_ARGUMENT, "request.invalid", "upload: metadata may come only once, first");
        }
        metadata = sent;
        recipes = shared.recipes().parse(sent.getRecipesList(), sent.getPresetsList());
        if (sent.getSize() > shared.maxBytes()) {
            throw tooLarge("is " + sent.getSize());
        }
        try {
            spooled = Files.createTempFile(shared.scratch(), "grpc-upload-", ".part");
            out = Files.newOutputStream(spooled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload to " + shared.scratch(), e);
        }
    }

    private void append(byte[] chunk) {
        if (metadata == null) {
            throw new GrpcRefusal(Code.INVALID_ARGUMENT, "upload.no_file",
                    "upload: the first message must be the metadata (file name, recipes), then the chunks");
        }
        received += chunk.length;
        if (received > shared.maxBytes()) {
            throw tooLarge("is over " + shared.maxBytes());
        }
        try {
            out.write(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload to " + spooled, e);
        }
    }

    @Override
    public void onError(Throwable t) {
        // The client cancelled, or the connection broke: nothing of it is kept.
        discard();
    }

    @Override
    public void onCompleted() {
        if (over) {
            return;
        }
        try {
            if (metadata == null || received == 0) {
                throw new GrpcRefusal(Code.INVALID_ARGUMENT, "upload.no_file",
                        "upload: send the metadata, then the file's bytes as chunks; no byte came");
            }
            if (metadata.getSize() > 0 && metadata.getSize() != received) {
                throw new GrpcRefusal(Code.INVALID_ARGUMENT, "request.invalid", "upload: the metadata says "
                        + metadata.getSize() + " bytes, but " + received + " came");
            }
            out.close();
            // Cancelled or past its deadline until the very commit: then nothing is kept.
            Context context = Context.current();
            Ingest.Outcome outcome = shared.ingest().ingest(
                    List.of(new Upload(Upload.safeFileName(metadata.getFileName()), spooled)), recipes, caller.id(),
                    () -> !context.isCancelled(),
                    Optional.of(metadata.getIdempotencyKey()).filter(key -> !key.isEmpty()));
            Ingest.Ingested done = outcome.images().getFirst();
            UploadResponse.Builder response = UploadResponse.newBuilder().setImage(shared.messages().image(done.image()))
                    .setReplayed(outcome.replayed());
            done.jobs().stream().map(job -> shared.queue().find(job.id())).flatMap(Optional::stream)
                    .map(JobMessages::job).forEach(response::addJobs);
            call.onNext(response.build());
            call.onCompleted();
        } catch (IOException e) {
            refuse(new UncheckedIOException("cannot spool the upload to " + spooled, e));
        } catch (RuntimeException e) {
            refuse(e);
        } finally {
            discard();
        }
    }

    private GrpcRefusal tooLarge(String size) {
        String name = Upload.safeFileName(metadata.getFileName());
        return new GrpcRefusal(Code.RESOURCE_EXHAUSTED, "image.too_large",
                name + ": file " + size + " bytes; the limit is " + shared.maxBytes() + " bytes", Map.of("file", name));
    }

    private void refuse(RuntimeException e) {
        over = true;
        discard();
        if (!call.isCancelled()) {
            call.onError(shared.errors().handleException(e));
        }
    }

    /** Deletes the scratch file, if any; safe to call from any thread, more than once. */
    private synchronized void discard() {
        try {
            if (out != null) {
                out.close();
            }
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        } catch (IOException e) {
            // A scratch file under the data directory's tmp; nothing refers to it.
        }
    }
}
