package io.pixbox.server.queue;

import java.time.Clock;
import javax.sql.DataSource;
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

    @Bean
    @DependsOnDatabaseInitialization
    DatabaseJobQueue jobQueue(QueueProperties queue, DataSource dataSource,
                              PlatformTransactionManager transactionManager, Clock clock, RetryPolicy retryPolicy) {
        if (queue.type() != QueueProperties.Type.DATABASE) {
            throw new QueueTypeUnavailableException(queue.type());
        }
        return new DatabaseJobQueue(dataSource, transactionManager, clock, retryPolicy, queue.lease(),
                queue.pollInterval());
    }

    @Bean
    @Conditional(SchedulerRoleCondition.class)
    LeaseReaper leaseReaper(JobQueue jobQueue, QueueProperties queue) {
        return new LeaseReaper(jobQueue, queue.reapInterval());
    }
}
