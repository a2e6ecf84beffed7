package io.pixbox.server.grpc;

import io.grpc.ServerServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/** Says where the gRPC server listens once it does, and remembers the port (a free one when 0 was asked for). */
@Component
public class GrpcServerStartup {

    private static final Logger log = LoggerFactory.getLogger(GrpcServerStartup.class);

    private volatile int port = -1;

    @EventListener
    void started(GrpcServerStartedEvent event) {
        port = event.getPort();
        log.info("gRPC is up on port {} ({})", port, event.getServer().getServices().stream()
                .map(ServerServiceDefinition::getServiceDescriptor).map(d -> d.getName()).sorted().toList());
    }

    /** The port the gRPC server listens on; -1 while it has not started, or in a process without the api role. */
    public int port() {
        return port;
    }
}
