package io.pixbox.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A process without the api role, such as a worker on another machine, serves no gRPC. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pixbox.roles=worker,scheduler")
class GrpcServerRoleIntegrationTests {

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("pixbox-grpc-role-");
        registry.add("pixbox.data-dir", data::toString);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    GrpcServerStartup grpcServer;

    @Test
    void startsNoGrpcServerWithoutTheApiRole() {
        assertThat(context.getBeanNamesForType(GrpcServerFactory.class)).isEmpty();
        assertThat(grpcServer.port()).isEqualTo(-1);
    }
}
