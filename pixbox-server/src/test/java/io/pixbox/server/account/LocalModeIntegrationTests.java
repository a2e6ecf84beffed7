package io.pixbox.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import java.time.Duration;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.pixbox.api.v1.ImageServiceGrpc;
import io.pixbox.api.v1.JobServiceGrpc;
import io.pixbox.api.v1.ListJobsRequest;
import io.pixbox.api.v1.ProcessRequest;
import io.pixbox.server.grpc.GrpcServerStartup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Single-user local mode: nobody signs in, and every request acts as the built-in admin {@code local}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pixbox.account.local-mode=true")
class LocalModeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    GrpcServerStartup grpcServer;

    @Test
    void letsAnAnonymousCallerUploadFollowAndDeleteAsTheLocalAdmin() {
        // given
        PixboxClient laptop = new PixboxClient(port);

        // when
        Answer uploaded = laptop.upload(PipelineContract.unique("goldfish.png"));

        // then
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        assertThat(laptop.awaitJobs(uploaded.json(), Duration.ofSeconds(90)))
                .allSatisfy(job -> assertThat(job.get("state").asString()).isEqualTo("succeeded"));
        Answer me = laptop.get("/api/v1/auth/me");
        assertThat(me.json().get("username").asString()).isEqualTo("local");
        assertThat(me.json().get("role").asString()).isEqualTo("admin");
        assertThat(laptop.delete(uploaded.json().get("images").get(0).get("url").asString()).status()).isEqualTo(204);
    }

    @Test
    void letsAnAnonymousGrpcCallerActAsTheLocalAdmin() throws InterruptedException {
        // given
        Answer uploaded = new PixboxClient(port).upload(PipelineContract.unique("wood.webp"));
        String imageId = uploaded.json().get("images").get(0).get("id").asString();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.port()).usePlaintext().build();
        try {
            // when: no token at all
            var job = ImageServiceGrpc.newBlockingStub(channel)
                    .process(ProcessRequest.newBuilder().setImageId(imageId).setPreset("thumb").build());
            var jobs = JobServiceGrpc.newBlockingStub(channel).listJobs(ListJobsRequest.newBuilder().setPageSize(100).build());

            // then
            assertThat(jobs.getJobsList()).extracting(j -> j.getId()).contains(job.getId());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
