package io.pixbox.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.pixbox.api.v1.AuthServiceGrpc;
import io.pixbox.api.v1.CreateApiTokenRequest;
import io.pixbox.api.v1.DeleteImageRequest;
import io.pixbox.api.v1.DownloadRequest;
import io.pixbox.api.v1.DownloadResponse;
import io.pixbox.api.v1.GetImageRequest;
import io.pixbox.api.v1.GetJobRequest;
import io.pixbox.api.v1.Image;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.Job;
import io.pixbox.api.v1.JobServiceGrpc;
import io.pixbox.api.v1.JobState;
import io.pixbox.api.v1.ListImagesRequest;
import io.pixbox.api.v1.ListJobsRequest;
import io.pixbox.api.v1.LoginRequest;
import io.pixbox.api.v1.LoginResponse;
import io.pixbox.api.v1.ProcessRequest;
import io.pixbox.api.v1.UploadMetadata;
import io.pixbox.api.v1.UploadRequest;
import io.pixbox.api.v1.UploadResponse;
import io.pixbox.api.v1.WatchJobRequest;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.image.Images;
import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.processing.JobWatch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gRPC API on a running server: every call, every status it promises with its ErrorInfo reason, health and
 * reflection, and uploads that are cancelled, run out of time or are refused leaving nothing behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.limits.max-bytes=2MB",
        "pixbox.processing.concurrency=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcApiIntegrationTests {

    private static final Path DATA = temporaryDirectory();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("pixbox.data-dir", () -> DATA.toString());
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    GrpcServerStartup grpcServer;

    @Autowired
    Images images;

    @Autowired
    JobWatch watches;

    @Autowired
    ApplicationContext context;

    private ManagedChannel channel;
    private PixboxClient rest;
    private ImageServiceGrpc.ImageServiceBlockingStub anonymous;
    private ImageServiceGrpc.ImageServiceBlockingStub imagesApi;
    private ImageServiceGrpc.ImageServiceStub imagesAsync;
    private JobServiceGrpc.JobServiceBlockingStub jobsApi;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.port()).usePlaintext().build();
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void signUp() {
        rest = new PixboxClient(httpPort).signedUp();
        anonymous = ImageServiceGrpc.newBlockingStub(channel);
        imagesApi = anonymous.withInterceptors(bearer(rest.token()));
        imagesAsync = ImageServiceGrpc.newStub(channel).withInterceptors(bearer(rest.token()));
        jobsApi = JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(rest.token()));
    }

    @Test
    void uploadsWatchesDownloadsFindsAndDeletesAnImage() throws IOException {
        // given
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        String name = "mouse-" + UUID.randomUUID() + ".jpg";

        // when
        UploadResponse uploaded = upload(imagesAsync, name, photo, List.of("fill:100:50/format:png"), List.of());

        // then: recorded with its real format, and one job per default preset plus the recipe asked for
        assertThat(uploaded.getImage().getFormat()).isEqualTo("jpeg");
        assertThat(uploaded.getImage().getSize()).isEqualTo(photo.length);
        assertThat(uploaded.getJobsList()).extracting(Job::getRecipe).contains("fill:100:50/format:png");
        for (Job job : uploaded.getJobsList()) {
            List<Job> changes = new ArrayList<>();
            jobsApi.withDeadlineAfter(60, TimeUnit.SECONDS).watchJob(WatchJobRequest.newBuilder().setJobId(job.getId()).build())
                    .forEachRemaining(changes::add);
            assertThat(changes.getLast().getState()).as(changes.getLast().toString()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
            assertThat(changes).extracting(Job::getState).doesNotHaveDuplicates();
        }

        // when: the variant by its recipe, and the thumbnail by its preset's name
        Download variant = download(anonymous, uploaded.getImage().getId(), "fill:100:50/format:png");
        Download thumb = download(anonymous, uploaded.getImage().getId(), "thumb");
        Download original = download(anonymous, uploaded.getImage().getId(), "");

        // then
        BufferedImage filled = ImageIO.read(new ByteArrayInputStream(variant.bytes()));
        assertThat(filled.getWidth()).isEqualTo(100);
        assertThat(filled.getHeight()).isEqualTo(50);
        assertThat(variant.contentType()).isEqualTo("image/png");
        assertThat(variant.bytes()).hasSize((int) variant.size());
        assertThat(Math.max(ImageIO.read(new ByteArrayInputStream(thumb.bytes())).getWidth(),
                ImageIO.read(new ByteArrayInputStream(thumb.bytes())).getHeight())).isLessThanOrEqualTo(256);
        assertThat(original.bytes()).isEqualTo(photo);
        assertThat(original.fileName()).isEqualTo(name);

        // when: found by its name, with its variants
        List<Image> found = anonymous.listImages(ListImagesRequest.newBuilder().setFileName(name).build()).getImagesList();
        Image full = anonymous.getImage(GetImageRequest.newBuilder().setImageId(found.getFirst().getId()).build());

        // then
        assertThat(found).extracting(Image::getId).containsExactly(uploaded.getImage().getId());
        assertThat(full.getVariantsList()).extracting(v -> v.getPreset()).contains("thumb", "medium", "compressed");
        assertThat(full.getJobsList()).as("jobs are shown to nobody but the owner").isEmpty();
        assertThat(imagesApi.getImage(GetImageRequest.newBuilder().setImageId(full.getId()).build()).getJobsCount())
                .isEqualTo(uploaded.getJobsCount());
        assertThat(jobsApi.listJobs(ListJobsRequest.newBuilder().setPageSize(100).build()).getJobsList())
                .extracting(j -> j.getFileName()).contains(name);

        // when
        imagesApi.deleteImage(DeleteImageRequest.newBuilder().setImageId(full.getId()).build());

        // then
        assertRefused(() -> anonymous.getImage(GetImageRequest.newBuilder().setImageId(full.getId()).build()),
                Status.Code.NOT_FOUND, "image.not_found");
    }

    @Test
    void processesAnImageAgainWithARecipeAndFollowsTheJob() {
        // given: a photo larger than one download chunk (256 KiB)
        byte[] photo = PipelineContract.unique("goldfish.png").bytes();
        UploadResponse uploaded = upload(imagesAsync, "goldfish.png", photo, List.of(), List.of());
        assertThat(download(anonymous, uploaded.getImage().getId(), "").bytes()).isEqualTo(photo);

        // when
        Job job = imagesApi.process(ProcessRequest.newBuilder().setImageId(uploaded.getImage().getId())
                .setRecipe("grayscale/fit:64:64/format:webp").build());

        // then
        assertThat(job.getRecipe()).isEqualTo(Recipe.parse("grayscale/fit:64:64/format:webp").toString());
        Iterator<Job> changes = jobsApi.withDeadlineAfter(60, TimeUnit.SECONDS)
                .watchJob(WatchJobRequest.newBuilder().setJobId(job.getId()).build());
        Job last = null;
        while (changes.hasNext()) {
            last = changes.next();
        }
        assertThat(last.getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
        assertThat(jobsApi.getJob(GetJobRequest.newBuilder().setJobId(job.getId()).build()).getAttempts()).isEqualTo(1);
    }

    @Test
    void servesTheStandardHealthServiceAndReflectionWithoutAToken() throws InterruptedException {
        // when
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        List<String> services = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> reflection = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        response.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        reflection.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        reflection.onCompleted();
        done.join();

        // then
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(services).contains("pixbox.v1.ImageService", "pixbox.v1.JobService", "pixbox.v1.AuthService",
                "grpc.health.v1.Health");
    }

    @Test
    void signsInOverGrpcWithTheSameTokensErrorsAndThrottleAsRest() {
        // given
        String name = "grpc-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse battery";
        assertThat(new PixboxClient(httpPort).postJson("/api/v1/auth/register", "{\"username\":\"" + name
                + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + password + "\"}").status()).isEqualTo(201);
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel);

        // when
        LoginResponse session = auth.login(LoginRequest.newBuilder().setUsername(name.toUpperCase()).setPassword(password).build());
        String apiToken = auth.withInterceptors(bearer(session.getAccessToken()))
                .createApiToken(CreateApiTokenRequest.newBuilder().setName("grpc test").build()).getToken();

        // then: both tokens work, for gRPC and REST alike
        assertThat(session.getExpiresInSeconds()).isPositive();
        assertThat(session.getRefreshToken()).isNotBlank();
        assertThat(apiToken).startsWith("pbx_");
        for (String token : List.of(session.getAccessToken(), apiToken)) {
            assertThat(JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token))
                    .listJobs(ListJobsRequest.getDefaultInstance()).getJobsList()).isEmpty();
            assertThat(new PixboxClient(httpPort).withToken(token).get("/api/v1/jobs").status()).isEqualTo(200);
        }

        // and a token is needed to make a token, a valid name too
        assertRefused(() -> auth.createApiToken(CreateApiTokenRequest.newBuilder().setName("x").build()),
                Status.Code.UNAUTHENTICATED, "auth.required");
        assertRefused(() -> auth.withInterceptors(bearer(apiToken)).createApiToken(CreateApiTokenRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "token.invalid");

        // when: the password is wrong, until the throttle (5 failures per account) steps in
        for (int attempt = 0; attempt < 5; attempt++) {
            StatusRuntimeException wrong = assertRefused(() -> auth.login(LoginRequest.newBuilder().setUsername(name)
                    .setPassword("wrong password").build()), Status.Code.UNAUTHENTICATED, "auth.bad_credentials");
            assertThat(wrong.getStatus().getDescription()).isEqualTo("the username or password is wrong");
        }
        StatusRuntimeException throttled = assertRefused(() -> auth.login(LoginRequest.newBuilder().setUsername(name)
                .setPassword(password).build()), Status.Code.RESOURCE_EXHAUSTED, "auth.throttled");

        // then: told how long to wait, and REST sign-ins of the account are throttled too
        assertThat(Long.parseLong(errorInfo(throttled).getMetadataOrThrow("retry_after_seconds"))).isBetween(1L, 900L);
        PixboxClient.Answer overRest = new PixboxClient(httpPort).postJson("/api/v1/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(overRest.status()).as(overRest.text()).isEqualTo(429);
        assertRefused(() -> auth.login(LoginRequest.newBuilder().setUsername("nobody-" + UUID.randomUUID())
                .setPassword(password).build()), Status.Code.UNAUTHENTICATED, "auth.bad_credentials");
    }

    @Test
    void refusesCallsWithoutATokenOrWithABadOneAsUnauthenticated() {
        ImageServiceGrpc.ImageServiceStub anonymousAsync = ImageServiceGrpc.newStub(channel);
        assertRefused(() -> upload(anonymousAsync, "mouse.jpg", PipelineContract.unique("mouse.jpg").bytes(), List.of(), List.of()),
                Status.Code.UNAUTHENTICATED, "auth.required");
        assertRefused(() -> JobServiceGrpc.newBlockingStub(channel).listJobs(ListJobsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "auth.required");
        assertRefused(() -> JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer("not.a.jwt"))
                .listJobs(ListJobsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "auth.invalid_token");
        assertRefused(() -> JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer("pbx_revokedorneverissued"))
                .listJobs(ListJobsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "auth.invalid_token");
    }

    @Test
    void acceptsAPersonalApiTokenAsRestDoes() {
        // given
        String token = rest.postJson("/api/v1/tokens", "{\"name\":\"grpc test\"}").json().get("token").asString();

        // when
        var jobs = JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token)).listJobs(ListJobsRequest.getDefaultInstance());

        // then
        assertThat(jobs.getJobsList()).isEmpty();
    }

    @Test
    void refusesABadRecipeAsInvalidArgumentAndStoresNothing() throws IOException {
        long before = images.count();
        assertRefused(() -> upload(imagesAsync, "mouse.jpg", PipelineContract.unique("mouse.jpg").bytes(), List.of("fit:0:400"), List.of()),
                Status.Code.INVALID_ARGUMENT, "recipe.invalid");
        assertRefused(() -> upload(imagesAsync, "mouse.jpg", PipelineContract.unique("mouse.jpg").bytes(), List.of(), List.of("nosuchpreset")),
                Status.Code.INVALID_ARGUMENT, "recipe.invalid");
        UploadResponse uploaded = upload(imagesAsync, "wood.webp", PipelineContract.unique("wood.webp").bytes(), List.of(), List.of());
        assertRefused(() -> imagesApi.process(ProcessRequest.newBuilder().setImageId(uploaded.getImage().getId()).setRecipe("spin:3").build()),
                Status.Code.INVALID_ARGUMENT, "recipe.invalid");
        assertRefused(() -> imagesApi.process(ProcessRequest.newBuilder().setImageId(uploaded.getImage().getId()).build()),
                Status.Code.INVALID_ARGUMENT, "recipe.invalid");
        assertThat(images.count()).isEqualTo(before + 1);
        assertNoScratchFiles();
    }

    @Test
    void refusesWhatIsNotAnImageOrAMalformedStreamAsInvalidArgument() throws IOException {
        long before = images.count();
        StatusRuntimeException refused = assertRefused(() -> upload(imagesAsync, "page.html", "<!doctype html><p>hi".getBytes(), List.of(), List.of()),
                Status.Code.INVALID_ARGUMENT, "image.unsupported_format");
        assertThat(errorInfo(refused).getMetadataMap()).containsEntry("file", "page.html");
        assertRefused(() -> send(imagesAsync, Stream.of(chunk(new byte[] {1, 2, 3}))), Status.Code.INVALID_ARGUMENT, "upload.no_file");
        assertRefused(() -> send(imagesAsync, Stream.of(metadata("empty.jpg", 0))), Status.Code.INVALID_ARGUMENT, "upload.no_file");
        assertRefused(() -> send(imagesAsync, Stream.of(metadata("a.jpg", 0), metadata("b.jpg", 0))), Status.Code.INVALID_ARGUMENT, "request.invalid");
        byte[] photo = PipelineContract.unique("mouse.jpg").bytes();
        assertRefused(() -> send(imagesAsync, Stream.of(metadata("mouse.jpg", photo.length + 1), chunk(photo))),
                Status.Code.INVALID_ARGUMENT, "request.invalid");
        assertRefused(() -> anonymous.getImage(GetImageRequest.newBuilder().setImageId("not-a-uuid").build()),
                Status.Code.INVALID_ARGUMENT, "request.invalid");
        assertRefused(() -> anonymous.listImages(ListImagesRequest.newBuilder().setPageSize(101).build()),
                Status.Code.INVALID_ARGUMENT, "request.invalid");
        assertRefused(() -> anonymous.listImages(ListImagesRequest.newBuilder().setPageToken("garbage").build()),
                Status.Code.INVALID_ARGUMENT, "request.invalid");
        assertThat(images.count()).isEqualTo(before);
        assertNoScratchFiles();
    }

    @Test
    void refusesWhatIsOverTheLimitsAsResourceExhausted() {
        long before = images.count();
        byte[] big = Arrays.copyOf(PipelineContract.unique("mouse.jpg").bytes(), 3 * 1024 * 1024);
        // The size announced: refused before any byte is sent.
        assertRefused(() -> send(imagesAsync, Stream.of(metadata("big.jpg", big.length))), Status.Code.RESOURCE_EXHAUSTED, "image.too_large");
        // No size announced: refused once the bytes pass the limit.
        assertRefused(() -> send(imagesAsync, Stream.concat(Stream.of(metadata("big.jpg", 0)),
                Stream.of(chunk(Arrays.copyOfRange(big, 0, 1 << 20)), chunk(Arrays.copyOfRange(big, 1 << 20, 2 << 20)),
                        chunk(Arrays.copyOfRange(big, 2 << 20, big.length))))), Status.Code.RESOURCE_EXHAUSTED, "image.too_large");
        // One message over the message size limit is the gRPC library's refusal, without details.
        StatusRuntimeException huge = assertThrows(() -> send(imagesAsync, Stream.of(metadata("huge.jpg", 0), chunk(new byte[5 << 20]))));
        assertThat(huge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(images.count()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(this::assertNoScratchFiles);
    }

    @Test
    void answersNotFoundAndPermissionDeniedWithTheirReasons() {
        // given
        UploadResponse mine = upload(imagesAsync, "wood.webp", PipelineContract.unique("wood.webp").bytes(), List.of(), List.of());
        PixboxClient other = new PixboxClient(httpPort).signedUp();
        ImageServiceGrpc.ImageServiceBlockingStub otherImages = anonymous.withInterceptors(bearer(other.token()));
        JobServiceGrpc.JobServiceBlockingStub otherJobs = JobServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(other.token()));
        String missing = UUID.randomUUID().toString();

        // then
        assertRefused(() -> anonymous.getImage(GetImageRequest.newBuilder().setImageId(missing).build()), Status.Code.NOT_FOUND, "image.not_found");
        assertRefused(() -> download(anonymous, missing, ""), Status.Code.NOT_FOUND, "image.not_found");
        assertRefused(() -> download(anonymous, mine.getImage().getId(), UUID.randomUUID().toString()), Status.Code.NOT_FOUND, "image.not_found");
        assertRefused(() -> imagesApi.deleteImage(DeleteImageRequest.newBuilder().setImageId(missing).build()), Status.Code.NOT_FOUND, "image.not_found");
        assertRefused(() -> jobsApi.getJob(GetJobRequest.newBuilder().setJobId(missing).build()), Status.Code.NOT_FOUND, "job.not_found");
        assertRefused(() -> jobsApi.watchJob(WatchJobRequest.newBuilder().setJobId(missing).build()).next(), Status.Code.NOT_FOUND, "job.not_found");
        assertRefused(() -> otherImages.deleteImage(DeleteImageRequest.newBuilder().setImageId(mine.getImage().getId()).build()),
                Status.Code.PERMISSION_DENIED, "auth.forbidden");
        assertRefused(() -> otherImages.process(ProcessRequest.newBuilder().setImageId(mine.getImage().getId()).setPreset("thumb").build()),
                Status.Code.PERMISSION_DENIED, "auth.forbidden");
        assertRefused(() -> otherJobs.getJob(GetJobRequest.newBuilder().setJobId(mine.getJobs(0).getId()).build()),
                Status.Code.PERMISSION_DENIED, "auth.forbidden");
        assertThat(imagesApi.getImage(GetImageRequest.newBuilder().setImageId(mine.getImage().getId()).build()).getId())
                .as("the owner's image is untouched").isEqualTo(mine.getImage().getId());
    }

    @Test
    void leavesNothingBehindWhenAnUploadIsCancelledOrRunsOutOfTime() throws Exception {
        long before = images.count();
        long objects = storedObjects();
        byte[] photo = PipelineContract.unique("goldfish.png").bytes();

        // when: cancelled by the client halfway
        CompletableFuture<UploadResponse> answer = new CompletableFuture<>();
        ClientCallStreamObserver<UploadRequest>[] requests = new ClientCallStreamObserver[1];
        imagesAsync.upload(new ClientResponseObserver<UploadRequest, UploadResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadRequest> stream) {
                requests[0] = stream;
            }

            @Override
            public void onNext(UploadResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests[0].onNext(metadata("goldfish.png", photo.length));
        requests[0].onNext(chunk(Arrays.copyOf(photo, photo.length / 2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> scratchFiles().size() == 1);
        requests[0].cancel("the user pressed ^C", null);

        // then
        assertThatThrownBy(answer::join).hasRootCauseInstanceOf(StatusRuntimeException.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(this::assertNoScratchFiles);

        // when: the deadline passes before the client sends the rest
        ImageServiceGrpc.ImageServiceStub hurried = imagesAsync.withDeadlineAfter(500, TimeUnit.MILLISECONDS);
        StatusRuntimeException late = assertThrows(() -> send(hurried, Stream.of(metadata("goldfish.png", photo.length),
                chunk(Arrays.copyOf(photo, 1000))), false));

        // then
        assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(this::assertNoScratchFiles);
        assertThat(images.count()).isEqualTo(before);
        assertThat(storedObjects()).isEqualTo(objects);
    }

    @Test
    void stopsWatchingAJobWhenTheClientCancelsTheStreamOrItsDeadlinePasses() throws Exception {
        // given: no worker takes jobs, so a job stays queued for as long as the test needs
        SmartLifecycle worker = context.getBean("worker", SmartLifecycle.class);
        worker.stop();
        try {
            UploadResponse uploaded = upload(imagesAsync, "wood.webp", PipelineContract.unique("wood.webp").bytes(),
                    List.of(), List.of());
            WatchJobRequest request = WatchJobRequest.newBuilder().setJobId(uploaded.getJobs(0).getId()).build();
            int before = watches.active();

            // when: the client reads the first state, then cancels
            Context.CancellableContext cancellable = Context.current().withCancellation();
            Iterator<Job> changes = cancellable.call(() -> jobsApi.watchJob(request));
            assertThat(changes.next().getState()).isEqualTo(JobState.JOB_STATE_QUEUED);
            assertThat(watches.active()).as("the server follows the job").isEqualTo(before + 1);
            cancellable.cancel(null);

            // then: the server stops reading the job for it
            await().atMost(Duration.ofSeconds(5)).until(() -> watches.active() == before);
            assertThat(assertThrows(changes::next).getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);

            // when: the deadline passes while the job is still queued
            Iterator<Job> hurried = jobsApi.withDeadlineAfter(700, TimeUnit.MILLISECONDS).watchJob(request);
            assertThat(hurried.next().getState()).isEqualTo(JobState.JOB_STATE_QUEUED);
            StatusRuntimeException late = assertThrows(() -> hurried.forEachRemaining(job -> { }));

            // then
            assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            await().atMost(Duration.ofSeconds(5)).until(() -> watches.active() == before);
        } finally {
            worker.start();
        }
    }

    @Test
    void closesTheStoredObjectWhenTheClientCancelsADownloadMidway() throws Exception {
        // given: an original of several download chunks, more than gRPC's flow control lets the server send ahead
        UploadResponse uploaded = upload(imagesAsync, "noise.png", noise(800, 800), List.of(), List.of());
        assertThat(uploaded.getImage().getSize()).isGreaterThan(1 << 20);

        // when: the client reads the first chunk, then cancels
        Context.CancellableContext cancellable = Context.current().withCancellation();
        Iterator<DownloadResponse> parts = cancellable.call(() -> anonymous.download(
                DownloadRequest.newBuilder().setImageId(uploaded.getImage().getId()).build()));
        assertThat(parts.next().hasMetadata()).isTrue();
        assertThat(parts.next().getChunk().size()).isPositive();
        assertThat(openObjects()).as("the server reads the stored original").isNotEmpty();
        cancellable.cancel(null);

        // then: the server closes the original it was reading, and keeps it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(openObjects()).isEmpty());
        assertThat(download(anonymous, uploaded.getImage().getId(), "").bytes()).hasSize((int) uploaded.getImage().getSize());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(openObjects()).isEmpty());
    }

    /** A PNG of random pixels: it does not compress, so its size is about three bytes a pixel. */
    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** The stored objects this process has open now, read from its file descriptors (Linux). */
    private static List<Path> openObjects() throws IOException {
        Path objects = DATA.resolve("objects").toRealPath();
        List<Path> open = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    Path target = Files.readSymbolicLink(descriptor);
                    if (target.startsWith(objects)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // Closed while listing.
                }
            }
        }
        return open;
    }

    /** One downloaded file. */
    record Download(String contentType, String fileName, long size, byte[] bytes) {
    }

    static Download download(ImageServiceGrpc.ImageServiceBlockingStub stub, String imageId, String variant) {
        Iterator<DownloadResponse> parts = stub.download(DownloadRequest.newBuilder().setImageId(imageId).setVariant(variant).build());
        DownloadResponse first = parts.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        parts.forEachRemaining(part -> bytes.writeBytes(part.getChunk().toByteArray()));
        return new Download(first.getMetadata().getContentType(), first.getMetadata().getFileName(),
                first.getMetadata().getSize(), bytes.toByteArray());
    }

    static UploadResponse upload(ImageServiceGrpc.ImageServiceStub stub, String name, byte[] bytes, List<String> recipes,
                                 List<String> presets) {
        List<UploadRequest> messages = new ArrayList<>();
        messages.add(UploadRequest.newBuilder().setMetadata(UploadMetadata.newBuilder().setFileName(name)
                .addAllRecipes(recipes).addAllPresets(presets).setSize(bytes.length)).build());
        for (int offset = 0; offset < bytes.length; offset += 64 * 1024) {
            messages.add(chunk(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 64 * 1024))));
        }
        return send(stub, messages.stream());
    }

    static UploadResponse send(ImageServiceGrpc.ImageServiceStub stub, Stream<UploadRequest> messages) {
        return send(stub, messages, true);
    }

    /**
     * Sends the messages, half-closes unless told not to, and waits for the answer; a refusal is thrown as
     * StatusRuntimeException.
     */
    static UploadResponse send(ImageServiceGrpc.ImageServiceStub stub, Stream<UploadRequest> messages, boolean halfClose) {
        CompletableFuture<UploadResponse> answer = new CompletableFuture<>();
        StreamObserver<UploadRequest> requests = stub.upload(new StreamObserver<>() {
            @Override
            public void onNext(UploadResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        messages.forEach(requests::onNext);
        if (halfClose) {
            requests.onCompleted();
        }
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static UploadRequest metadata(String name, long size) {
        return UploadRequest.newBuilder().setMetadata(UploadMetadata.newBuilder().setFileName(name).setSize(size)).build();
    }

    static UploadRequest chunk(byte[] bytes) {
        return UploadRequest.newBuilder().setChunk(ByteString.copyFrom(bytes)).build();
    }

    static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    static StatusRuntimeException assertRefused(Runnable call, Status.Code code, String reason) {
        StatusRuntimeException e = assertThrows(call);
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).isNotBlank();
        ErrorInfo info = errorInfo(e);
        assertThat(info.getReason()).as(e.getStatus().toString()).isEqualTo(reason);
        assertThat(info.getDomain()).isEqualTo("pixbox.io");
        return e;
    }

    static StatusRuntimeException assertThrows(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("google.rpc.Status in the trailers of " + e.getStatus()).isNotNull();
        try {
            return status.getDetailsList().stream().filter(any -> any.is(ErrorInfo.class)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ErrorInfo in " + status)).unpack(ErrorInfo.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    private List<Path> scratchFiles() throws IOException {
        Path tmp = DATA.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("grpc-upload-")).toList();
        }
    }

    private void assertNoScratchFiles() throws IOException {
        assertThat(scratchFiles()).isEmpty();
    }

    private long storedObjects() throws IOException {
        Path objects = DATA.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pixbox-grpc-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
