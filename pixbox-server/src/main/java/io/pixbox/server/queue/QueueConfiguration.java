package io.pixbox.server.queue;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.processing.ProcessingProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The job queue chosen by {@code pixbox.queue.type}, its retry policy, and the lease reaper on schedulers. */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetryPolicy retryPolicy(QueueProperties queue) {
        return queue.retryPolicy();
    }

    /**
     * The queue of the configured type. RabbitMQ's connection is Spring Boot's, and its prefetch the worker's
     * concurrency: a worker holds no more jobs than it can run, and the rest stay free for other workers.
     */
    @Bean
    @DependsOnDatabaseInitialization
    JobQueue jobQueue(QueueProperties queue, DataSource dataSource, PlatformTransactionManager transactionManager,
                      Clock clock, RetryPolicy retryPolicy, ObjectProvider<ConnectionFactory> rabbit,
                      ObjectProvider<ProcessingProperties> processing) {
        return switch (queue.type()) {
            case DATABASE -> new DatabaseJobQueue(dataSource, transactionManager, clock, retryPolicy, queue.lease(),
                    queue.pollInterval());
            case RABBITMQ -> new RabbitJobQueue(dataSource, transactionManager, clock, retryPolicy, queue.lease(),
                    rabbit.getObject(), queue.rabbitmq(), processing.getObject().threads());
            case SQS -> throw QueueSetupException.unavailable(queue.type());
        };
    }

    /** RabbitMQ's health, where it delivers the jobs; application.properties turns Boot's own off elsewhere. */
    @Bean
    @Conditional(RabbitQueueCondition.class)
    RabbitHealthIndicator rabbitHealthIndicator(RabbitTemplate rabbitTemplate) {
        return new RabbitHealthIndicator(rabbitTemplate);
    }

    @Bean
    @ConditionalOnRole(Role.SCHEDULER)
    LeaseReaper leaseReaper(JobQueue jobQueue, QueueProperties queue) {
        return new LeaseReaper(jobQueue, queue.reapInterval());
    }
}
