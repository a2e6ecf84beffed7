package io.pixbox.server.storageevents;

import io.pixbox.server.AwsAccess;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.storage.StorageProperties;
import java.time.Duration;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The storage-event consumer {@code pixbox.storage-events.source} names, in the worker role only; events need
 * the originals in an S3 store, since only S3 stores send them.
 */
@Configuration(proxyBeanMethods = false)
class StorageEventsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "pixbox.storage-events.source", havingValue = "sqs")
    @ConditionalOnRole(Role.WORKER)
    SqsClient storageEventsSqsClient(StorageEventProperties settings, StorageProperties storage) {
        requireS3(settings, storage);
        StorageEventProperties.Sqs sqs = settings.sqs();
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(sqs.region()))
                .credentialsProvider(AwsAccess.credentials(sqs.accessKey(), sqs.secretKey()))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        // Longer than a long poll's wait.
                        .socketTimeout(sqs.waitTime().plusSeconds(10)));
        if (sqs.endpoint() != null) {
            builder.endpointOverride(sqs.endpoint());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnProperty(name = "pixbox.storage-events.source", havingValue = "sqs")
    @ConditionalOnRole(Role.WORKER)
    SqsStorageEventListener sqsStorageEventListener(SqsClient storageEventsSqsClient, StorageEventProperties settings,
                                                    BucketSync sync) {
        return new SqsStorageEventListener(storageEventsSqsClient, queueUrl(storageEventsSqsClient, settings.sqs()),
                settings.sqs().waitTime(), sync::handle);
    }

    @Bean
    @ConditionalOnProperty(name = "pixbox.storage-events.source", havingValue = "amqp")
    @ConditionalOnRole(Role.WORKER)
    SimpleMessageListenerContainer amqpStorageEventListener(ConnectionFactory connectionFactory,
                                                            StorageEventProperties settings, StorageProperties storage,
                                                            BucketSync sync) {
        requireS3(settings, storage);
        StorageEventProperties.Amqp amqp = settings.amqp();
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.declareQueue(new Queue(amqp.queue(), true));
        if (amqp.exchange() != null && !amqp.exchange().isBlank()) {
            admin.declareBinding(new Binding(amqp.queue(), Binding.DestinationType.QUEUE, amqp.exchange(),
                    amqp.routingKey(), null));
        }
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(amqp.queue());
        container.setMessageListener(new AmqpStorageEventListener(sync::handle));
        container.setPrefetchCount(10);
        return container;
    }

    private static void requireS3(StorageEventProperties settings, StorageProperties storage) {
        if (!storage.type().equals("s3")) {
            throw new IllegalStateException("pixbox.storage-events.source=" + settings.source() + " needs the "
                    + "originals in an S3 store, which sends the events: set pixbox.storage.type=s3 "
                    + "(PIXBOX_STORAGE_TYPE=s3), or pixbox.storage-events.source=none");
        }
    }

    private static String queueUrl(SqsClient sqs, StorageEventProperties.Sqs settings) {
        if (settings.queueUrl() != null) {
            return settings.queueUrl().toString();
        }
        if (settings.queueName() == null) {
            throw new IllegalStateException("pixbox.storage-events.source=sqs needs the queue: set "
                    + "pixbox.storage-events.sqs.queue-url (PIXBOX_STORAGEEVENTS_SQS_QUEUEURL) or queue-name");
        }
        try {
            return sqs.getQueueUrl(get -> get.queueName(settings.queueName())).queueUrl();
        } catch (QueueDoesNotExistException e) {
            if (!settings.createQueue()) {
                throw new IllegalStateException("the SQS queue \"" + settings.queueName() + "\" for storage events "
                        + "does not exist: create it and point the bucket's event notifications at it, or set "
                        + "pixbox.storage-events.sqs.create-queue=true for a local service", e);
            }
            return sqs.createQueue(create -> create.queueName(settings.queueName())).queueUrl();
        } catch (SdkException e) {
            throw new IllegalStateException("cannot reach SQS for storage events" + (settings.endpoint() == null ? ""
                    : " at " + settings.endpoint()) + ": " + e.getMessage() + "; check pixbox.storage-events.sqs.*", e);
        }
    }
}
