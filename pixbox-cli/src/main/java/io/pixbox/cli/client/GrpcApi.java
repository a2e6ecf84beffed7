package io.pixbox.cli.client;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.pixbox.api.v1.AuthServiceGrpc;
import io.pixbox.api.v1.CreateApiTokenRequest;
import io.pixbox.api.v1.DeleteImageRequest;
import io.pixbox.api.v1.DownloadMetadata;
import io.pixbox.api.v1.DownloadRequest;
import io.pixbox.api.v1.DownloadResponse;
import io.pixbox.api.v1.GetImageRequest;
import io.pixbox.api.v1.GetJobRequest;
import io.pixbox.api.v1.Image;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.JobServiceGrpc;
import io.pixbox.api.v1.JobState;
import io.pixbox.api.v1.JobSummary;
import io.pixbox.api.v1.ListImagesRequest;
import io.pixbox.api.v1.ListJobsRequest;
import io.pixbox.api.v1.LoginRequest;
import io.pixbox.api.v1.LoginResponse;
import io.pixbox.api.v1.ProcessRequest;
import io.pixbox.api.v1.UploadMetadata;
import io.pixbox.api.v1.UploadRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.api.v1.Variant;
import io.pixbox.api.v1.WatchJobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/** The client over gRPC (pixbox.v1), the default: streams uploads and downloads in chunks. */
public final class GrpcApi implements PixboxApi {

    private static final int CHUNK = 256 * 1024;
    private static final long CALL_SECONDS = 60;

    private final ManagedChannel channel;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageServiceGrpc.ImageServiceStub imagesAsync;
    private final JobServiceGrpc.JobServiceBlockingStub jobs;

    /** @param address host:port of the gRPC server */
    public GrpcApi(String address, String token) {
        channel = ManagedChannelBuilder.forAddress(host(address), port(address))
                .usePlaintext().maxInboundMessageSize(8 * 1024 * 1024).build();
        Metadata headers = new Metadata();
        if (token != null && !token.isBlank()) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        images = ImageServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        imagesAsync = ImageServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        jobs = JobServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public Uploaded upload(Path file, List<String> recipes, List<String> presets, String idempotencyKey,
                           LongConsumer sent) {
        CompletableFuture<UploadResponse> answer = new CompletableFuture<>();
        Object ready = new Object();
        @SuppressWarnings("unchecked")
        ClientCallStreamObserver<UploadRequest>[] stream = new ClientCallStreamObserver[1];
        imagesAsync.upload(new ClientResponseObserver<UploadRequest, UploadResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadRequest> requests) {
                stream[0] = requests;
                requests.setOnReadyHandler(() -> {
                    synchronized (ready) {
                        ready.notifyAll();
                    }
                });
            }

            @Override
            public void onNext(UploadResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
                synchronized (ready) {
                    ready.notifyAll();
                }
            }

            @Override
            public void onCompleted() {
            }
        });
        ClientCallStreamObserver<UploadRequest> requests = stream[0];
        try (InputStream in = Files.newInputStream(file)) {
            requests.onNext(UploadRequest.newBuilder().setMetadata(UploadMetadata.newBuilder()
                    .setFileName(file.getFileName().toString()).addAllRecipes(recipes).addAllPresets(presets)
                    .setSize(Files.size(file)).setIdempotencyKey(idempotencyKey)).build());
            byte[] buffer = new byte[CHUNK];
            int read;
            while (!answer.isDone() && (read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                // Flow control: send no faster than the server takes the bytes, so progress means progress.
                synchronized (ready) {
                    while (!requests.isReady() && !answer.isDone()) {
                        ready.wait(100);
                    }
                }
                requests.onNext(UploadRequest.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, read)).build());
                sent.accept(read);
            }
            if (!answer.isDone()) {
                requests.onCompleted();
            }
            UploadResponse response = answer.get();
            return new Uploaded(image(response.getImage()), response.getJobsList().stream().map(GrpcApi::job).toList(),
                    response.getReplayed());
        } catch (IOException e) {
            requests.cancel("cannot read " + file, e);
            throw new ClientException("client.unreadable", "cannot read " + file + ": " + e.getMessage(), ClientException.FAILED);
        } catch (InterruptedException e) {
            requests.cancel("interrupted", e);
            Thread.currentThread().interrupt();
            throw new ClientException("client.interrupted", "interrupted", ClientException.FAILED);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public JobInfo process(String imageId, String recipe, String preset) {
        ProcessRequest.Builder request = ProcessRequest.newBuilder().setImageId(imageId);
        if (recipe != null) {
            request.setRecipe(recipe);
        }
        if (preset != null) {
            request.setPreset(preset);
        }
        return call(() -> job(images.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).process(request.build())));
    }

    @Override
    public JobInfo job(String id) {
        return call(() -> job(jobs.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .getJob(GetJobRequest.newBuilder().setJobId(id).build())));
    }

    @Override
    public JobInfo await(String id, Consumer<JobInfo> changed) {
        return call(() -> {
            JobInfo last = null;
            Iterator<Job> changes = jobs.watchJob(WatchJobRequest.newBuilder().setJobId(id).build());
            while (changes.hasNext()) {
                last = job(changes.next());
                changed.accept(last);
            }
            return last;
        });
    }

    @Override
    public List<JobInfo> jobs(int limit) {
        return call(() -> jobs.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .listJobs(ListJobsRequest.newBuilder().setPageSize(limit).build())
                .getJobsList().stream().map(GrpcApi::job).toList());
    }

    @Override
    public ImageInfo image(String id) {
        return call(() -> image(images.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .getImage(GetImageRequest.newBuilder().setImageId(id).build())));
    }

    @Override
    public List<ImageInfo> find(String fileName) {
        return call(() -> images.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .listImages(ListImagesRequest.newBuilder().setFileName(fileName).setPageSize(100).build())
                .getImagesList().stream().map(found -> image(found.getId())).toList());
    }

    @Override
    public Downloaded download(String imageId, String variant, Function<Downloaded, OutputStream> open) {
        return call(() -> {
            Iterator<DownloadResponse> parts = images.download(DownloadRequest.newBuilder().setImageId(imageId)
                    .setVariant(variant == null ? "" : variant).build());
            DownloadMetadata metadata = parts.next().getMetadata();
            Downloaded coming = new Downloaded(metadata.getFileName(), metadata.getContentType(), metadata.getSize());
            try (OutputStream out = open.apply(coming)) {
                while (parts.hasNext()) {
                    parts.next().getChunk().writeTo(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return coming;
        });
    }

    @Override
    public void delete(String imageId) {
        call(() -> images.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .deleteImage(DeleteImageRequest.newBuilder().setImageId(imageId).build()));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw badAddress(address);
        }
        return address.substring(0, colon);
    }

    private static int port(String address) {
        try {
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) {
                throw badAddress(address);
            }
            return port;
        } catch (NumberFormatException e) {
            throw badAddress(address);
        }
    }

    /**
     * Signs in with a password over pixbox.v1.AuthService and answers a new personal API token named
     * {@code tokenName}, as {@link RestApi#login} does over REST.
     */
    public static String login(String address, String username, String password, String tokenName) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host(address), port(address)).usePlaintext().build();
        try {
            LoginResponse session = call(() -> AuthServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                    .login(LoginRequest.newBuilder().setUsername(username).setPassword(password).build()));
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + session.getAccessToken());
            return call(() -> AuthServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                    .createApiToken(CreateApiTokenRequest.newBuilder().setName(tokenName).build())).getToken();
        } finally {
            channel.shutdownNow();
        }
    }

    private static ClientException badAddress(String address) {
        return new ClientException("client.bad_address", "the gRPC address must be host:port, such as localhost:9090, got "
                + address, ClientException.USAGE);
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    /** The status as one line: the server's message and its ErrorInfo reason, and the exit status it gives. */
    static ClientException failure(Throwable t) {
        if (!(t instanceof StatusRuntimeException e)) {
            return new ClientException("client.failed", String.valueOf(t.getMessage()), ClientException.FAILED);
        }
        Status status = e.getStatus();
        String reason = "grpc." + status.getCode().name().toLowerCase(Locale.ROOT);
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details != null) {
            for (com.google.protobuf.Any any : details.getDetailsList()) {
                if (any.is(ErrorInfo.class)) {
                    try {
                        reason = any.unpack(ErrorInfo.class).getReason();
                    } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
                        // Keep the status code as the reason.
                    }
                }
            }
        }
        String message = switch (status.getCode()) {
            case UNAVAILABLE -> details == null ? "cannot reach the gRPC server: " + status.getDescription()
                    : status.getDescription();
            case DEADLINE_EXCEEDED -> "the server did not answer in time";
            default -> status.getDescription() == null ? status.getCode().name() : status.getDescription();
        };
        int exit = switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> ClientException.AUTH;
            case NOT_FOUND -> ClientException.NOT_FOUND;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> ClientException.UNAVAILABLE;
            default -> ClientException.FAILED;
        };
        return new ClientException(reason, message, exit);
    }

    private static ImageInfo image(Image image) {
        return new ImageInfo(image.getId(), image.getFileName(), image.getFormat(), image.getContentType(),
                image.getSize(), image.getWidth(), image.getHeight(),
                Instant.ofEpochSecond(image.getCreatedAt().getSeconds(), image.getCreatedAt().getNanos()).toString(),
                image.getVariantsList().stream().map(GrpcApi::variant).toList());
    }

    private static VariantInfo variant(Variant variant) {
        return new VariantInfo(variant.getId(), variant.getRecipe(), blankToNull(variant.getPreset()), variant.getFormat(),
                variant.getWidth(), variant.getHeight(), variant.getSize());
    }

    private static JobInfo job(Job job) {
        return new JobInfo(job.getId(), job.getImageId(), null, job.getRecipe(), state(job.getState()), job.getAttempts(),
                blankToNull(job.getErrorCode()), blankToNull(job.getError()));
    }

    private static JobInfo job(JobSummary job) {
        return new JobInfo(job.getId(), job.getImageId(), job.getFileName(), job.getRecipe(), state(job.getState()),
                job.getAttempts(), blankToNull(job.getErrorCode()), blankToNull(job.getError()));
    }

    private static String state(JobState state) {
        return state.name().substring("JOB_STATE_".length()).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
