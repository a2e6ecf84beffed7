package io.pixbox.server.storage;

import io.pixbox.server.AwsAccess;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.storage.StorageProperties.Location;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The object stores built from {@link StorageProperties}: directories under the data directory by default, or S3
 * buckets; settings that cannot work stop start-up with a {@link StorageSetupException}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    ObjectStores objectStores(StorageProperties storage, PixboxProperties pixbox, ObjectProvider<S3Client> s3,
                              ObjectProvider<S3Presigner> presigner) {
        requireSeparate(storage);
        return storage.isS3() ? s3Stores(storage, s3.getObject(), presigner.getObject())
                : fileSystemStores(storage, pixbox.dataDir());
    }

    /** Signs direct-upload requests for the address clients use, which may differ from the one Pixbox uses. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "pixbox.storage.type", havingValue = "s3")
    S3Presigner storageS3Presigner(StorageProperties storage) {
        StorageProperties.S3 s3 = storage.s3();
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(AwsAccess.credentials(s3.accessKey(), s3.secretKey()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        URI endpoint = s3.publicEndpoint() != null ? s3.publicEndpoint() : s3.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnProperty(name = "pixbox.storage.type", havingValue = "s3")
    S3Client storageS3Client(StorageProperties storage) {
        StorageProperties.S3 s3 = storage.s3();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(AwsAccess.credentials(s3.accessKey(), s3.secretKey()))
                .forcePathStyle(s3.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        // Between two packets, not for a whole transfer: large objects take as long as they take.
                        .socketTimeout(READ_TIMEOUT)
                        .connectionAcquisitionTimeout(READ_TIMEOUT))
                // Three attempts with exponential back-off, for throttling, 5xx answers and I/O errors.
                .overrideConfiguration(client -> client.retryStrategy(RetryMode.STANDARD));
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint())
                    // Many S3-compatible stores reject the checksums the SDK otherwise adds to every request.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    @Bean
    StorageHealthIndicator storageHealthIndicator(ObjectStores stores) {
        return new StorageHealthIndicator(stores);
    }

    private static ObjectStores s3Stores(StorageProperties storage, S3Client client, S3Presigner presigner) {
        S3Buckets.prepare(client, List.of(storage.originals().bucket(), storage.variants().bucket()),
                storage.s3().createBuckets());
        return new ObjectStores(s3Store(client, presigner, storage.originals()),
                s3Store(client, presigner, storage.variants()));
    }

    private static S3ObjectStore s3Store(S3Client client, S3Presigner presigner, Location location) {
        return new S3ObjectStore(client, presigner, location.bucket(), location.prefix());
    }

    private static ObjectStores fileSystemStores(StorageProperties storage, Path dataDir) {
        Path root = storage.filesystem().rootIn(dataDir);
        return new ObjectStores(fileSystemStore(root, storage.originals()), fileSystemStore(root, storage.variants()));
    }

    private static FileSystemObjectStore fileSystemStore(Path root, Location location) {
        Path directory = root.resolve(location.prefix());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageSetupException("Cannot create the object directory " + directory + ": " + e,
                    "Set pixbox.storage.filesystem.root (PIXBOX_STORAGE_FILESYSTEM_ROOT) or pixbox.data-dir "
                            + "(PIXBOX_DATA_DIR) to a directory Pixbox may write to.", e);
        }
        return new FileSystemObjectStore(directory);
    }

    /** Originals and variants in one place must not overlap, or listing or clearing one would reach the other. */
    private static void requireSeparate(StorageProperties storage) {
        Location originals = storage.originals();
        Location variants = storage.variants();
        boolean samePlace = !storage.isS3() || originals.bucket().equals(variants.bucket());
        if (samePlace && (originals.prefix().startsWith(variants.prefix())
                || variants.prefix().startsWith(originals.prefix()))) {
            throw new StorageSetupException("Originals (prefix \"" + originals.prefix() + "\") and variants (prefix \""
                    + variants.prefix() + "\") would share objects" + (storage.isS3()
                    ? " in the bucket \"" + originals.bucket() + "\"." : " under one root."),
                    "Give pixbox.storage.originals.prefix and pixbox.storage.variants.prefix "
                            + "(PIXBOX_STORAGE_ORIGINALS_PREFIX, PIXBOX_STORAGE_VARIANTS_PREFIX) values neither of "
                            + "which starts with the other" + (storage.isS3() ? ", or put them in different buckets."
                            : "."), null);
        }
    }
}
