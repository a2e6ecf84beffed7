package io.pixbox.server.image.grpc;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.pixbox.api.v1.DeleteImageRequest;
import io.pixbox.api.v1.DeleteImageResponse;
import io.pixbox.api.v1.DownloadMetadata;
import io.pixbox.api.v1.DownloadRequest;
import io.pixbox.api.v1.DownloadResponse;
import io.pixbox.api.v1.GetImageRequest;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.ListImagesRequest;
import io.pixbox.api.v1.ListImagesResponse;
import io.pixbox.api.v1.ProcessRequest;
import io.pixbox.api.v1.UploadRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.account.Caller;
import io.pixbox.server.grpc.GrpcCalls;
import io.pixbox.server.grpc.GrpcErrors;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.ImageCatalog;
import io.pixbox.server.image.ImageNotFoundException;
import io.pixbox.server.image.ImageRemoval;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.RecipeRequests;
import io.pixbox.server.image.Variant;
import io.pixbox.server.processing.grpc.JobMessages;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.NewJob;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * pixbox.v1.ImageService: uploads as client streams, downloads as server streams, and the image records, on the
 * same services the REST controller calls.
 */
@Service
@ConditionalOnRole(Role.API)
class ImageGrpcService extends ImageServiceGrpc.ImageServiceImplBase {

    /** Download chunks: well under the 4 MiB message limit, large enough to keep a fast link busy. */
    private static final int CHUNK = 256 * 1024;

    private final Ingest ingest;
    private final ImageRemoval removal;
    private final ImageCatalog catalog;
    private final JobQueue queue;
    private final RecipeRequests recipes;
    private final ImageMessages messages;
    private final GrpcErrors errors;
    private final ObjectStore originals;
    private final ObjectStore variants;
    private final UploadReceiver.Shared uploads;

    ImageGrpcService(Ingest ingest, ImageRemoval removal, ImageCatalog catalog, JobQueue queue, RecipeRequests recipes,
                     ImageMessages messages, GrpcErrors errors, ObjectStores stores, ImageProcessor processor,
                     PixboxProperties pixbox) throws IOException {
        this.ingest = ingest;
        this.removal = removal;
        this.catalog = catalog;
        this.queue = queue;
        this.recipes = recipes;
        this.messages = messages;
        this.errors = errors;
        this.originals = stores.originals();
        this.variants = stores.variants();
        this.uploads = new UploadReceiver.Shared(ingest, recipes, queue, messages, errors,
                Files.createDirectories(pixbox.dataDir().resolve("tmp")), processor.limits().maxBytes());
    }

    @Override
    public StreamObserver<UploadRequest> upload(StreamObserver<UploadResponse> responses) {
        return new UploadReceiver(uploads, GrpcCalls.requiredCaller(), responses);
    }

    @Override
    public void process(ProcessRequest request, StreamObserver<Job> responses) {
        Caller caller = GrpcCalls.requiredCaller();
        UUID id = GrpcCalls.id("image_id", request.getImageId());
        NewJob job = ingest.process(caller, id, recipes.one(request.getRecipe(), request.getPreset()));
        responses.onNext(queue.find(job.id()).map(JobMessages::job).orElseThrow(() -> new ImageNotFoundException(id)));
        responses.onCompleted();
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<io.pixbox.api.v1.Image> responses) {
        Image image = catalog.find(GrpcCalls.id("image_id", request.getImageId()));
        io.pixbox.api.v1.Image.Builder message = messages.image(image);
        catalog.variants(image.id()).stream().map(messages::variant).forEach(message::addVariants);
        if (GrpcCalls.caller().filter(caller -> caller.isOwnerOrAdmin(image.ownerId())).isPresent()) {
            queue.forImage(image.id()).stream().map(JobMessages::job).forEach(message::addJobs);
        }
        responses.onNext(message.build());
        responses.onCompleted();
    }

    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> responses) {
        ImageCatalog.Page page = catalog.list(Optional.of(request.getPageToken()).filter(token -> !token.isEmpty()),
                GrpcCalls.pageSize(request.getPageSize()),
                Optional.of(request.getFileName()).filter(name -> !name.isEmpty()));
        ListImagesResponse.Builder response = ListImagesResponse.newBuilder()
                .setNextPageToken(Objects.toString(page.nextCursor(), ""));
        page.images().stream().map(image -> messages.image(image).build()).forEach(response::addImages);
        responses.onNext(response.build());
        responses.onCompleted();
    }

    @Override
    public void download(DownloadRequest request, StreamObserver<DownloadResponse> responses) {
        Image image = catalog.find(GrpcCalls.id("image_id", request.getImageId()));
        DownloadMetadata.Builder metadata = DownloadMetadata.newBuilder();
        InputStream in;
        if (request.getVariant().isEmpty()) {
            metadata.setContentType(image.contentType()).setFileName(image.fileName()).setSize(image.bytes())
                    .setWidth(image.width()).setHeight(image.height());
            in = originals.open(image.objectKey());
        } else {
            Variant variant = catalog.variant(image.id(), request.getVariant());
            metadata.setContentType(variant.format().mediaType()).setFileName(recipes.fileName(image, variant))
                    .setSize(variant.bytes()).setWidth(variant.width()).setHeight(variant.height())
                    .setVariantId(variant.id().toString());
            in = variants.open(variant.objectKey());
        }
        new Sender(in, (ServerCallStreamObserver<DownloadResponse>) responses)
                .start(DownloadResponse.newBuilder().setMetadata(metadata).build());
    }

    @Override
    public void deleteImage(DeleteImageRequest request, StreamObserver<DeleteImageResponse> responses) {
        removal.delete(GrpcCalls.requiredCaller(), GrpcCalls.id("image_id", request.getImageId()));
        responses.onNext(DeleteImageResponse.getDefaultInstance());
        responses.onCompleted();
    }

    /**
     * Streams bytes as fast as the client takes them: a chunk whenever the call is ready, so that a slow client
     * never makes the server hold a whole file in memory. Closes the stored object when done or cancelled.
     */
    private final class Sender {

        private final InputStream in;
        private final ServerCallStreamObserver<DownloadResponse> call;
        private boolean done;

        Sender(InputStream in, ServerCallStreamObserver<DownloadResponse> call) {
            this.in = in;
            this.call = call;
        }

        void start(DownloadResponse metadata) {
            call.setOnCancelHandler(this::close);
            call.setOnReadyHandler(this::pump);
            call.onNext(metadata);
        }

        private synchronized void pump() {
            try {
                byte[] buffer = new byte[CHUNK];
                while (!done && call.isReady()) {
                    int read = in.readNBytes(buffer, 0, CHUNK);
                    if (read == 0) {
                        close();
                        call.onCompleted();
                        return;
                    }
                    call.onNext(DownloadResponse.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, read)).build());
                }
            } catch (IOException e) {
                close();
                call.onError(errors.handleException(new UncheckedIOException("cannot read the stored object", e)));
            } catch (RuntimeException e) {
                close();
                if (!call.isCancelled()) {
                    call.onError(errors.handleException(e));
                }
            }
        }

        private synchronized void close() {
            done = true;
            try {
                in.close();
            } catch (IOException e) {
                // Reading is over either way.
            }
        }
    }
}
