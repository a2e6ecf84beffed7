package io.pixbox.server.processing;

import io.pixbox.server.queue.WorkerCapacity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells the queue how many jobs the worker runs at once, so that the queue need not know the worker's settings. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    @Bean
    WorkerCapacity workerCapacity(ProcessingProperties processing) {
        return new WorkerCapacity(processing.threads());
    }
}
