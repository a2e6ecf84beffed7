package io.pixbox.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;

/** A process without the api role, such as a worker on another machine, serves no gRPC. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pixbox.roles=worker,scheduler")
class GrpcServerRoleIntegrationTests {

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
