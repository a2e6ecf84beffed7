package io.pixbox.server.storage;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps objects in an S3 bucket under a key prefix, on AWS or any S3-compatible store (MinIO, Ceph, R2, S3Proxy).
 *
 * <p>A listing carries no content types, so those of {@link #list} are inferred from the keys' extensions as
 * the file system store does; {@link #stat} answers the type stored with the object.
 */
final class S3ObjectStore implements ObjectStore {

    /** As many keys as one listing page holds and one DeleteObjects request takes. */
    private static final int BATCH = 1000;

    /** A health check answers quickly or not at all, whatever the client's own timeouts and retries. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    /** The SDK cannot rewind a caller's stream to try again: the first failure of a put from one is the answer. */
    private static final SdkPlugin NO_RETRIES = client -> client.overrideConfiguration(
            override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String description;
    private final S3Presigner presigner;

    S3ObjectStore(S3Client client, S3Presigner presigner, String bucket, String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.description = "s3://" + bucket + "/" + prefix + " at " + endpoint(client);
    }

    /** The store's address for messages: the endpoint given, or AWS S3 and the region. */
    static String endpoint(S3Client client) {
        S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
        return configuration.endpointOverride().map(URI::toString).orElse("AWS S3 " + configuration.region());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        String name = name(key);
        call("store", key, () -> client.putObject(put -> put.bucket(bucket).key(name).contentType(contentType),
                RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        String name = name(key);
        call("store", key, () -> client.putObject(put -> put.bucket(bucket).key(name).contentType(contentType)
                        .overrideConfiguration(request -> request.addPlugin(NO_RETRIES)),
                RequestBody.fromInputStream(new ExactLengthInputStream(content, length), length)));
    }

    @Override
    public Optional<PresignedPut> presignPut(String key, String contentType, long length, Duration ttl) {
        String name = name(key);
        // Content type and length are signed headers: a PUT of other bytes than those announced is refused by S3.
        PresignedPutObjectRequest request = call("presign", key, () -> presigner.presignPutObject(presign -> presign
                .signatureDuration(ttl)
                .putObjectRequest(put -> put.bucket(bucket).key(name).contentType(contentType).contentLength(length))));
        Map<String, String> headers = new TreeMap<>();
        request.signedHeaders().forEach((header, values) -> {
            // The client's HTTP library sets Host from the URL.
            if (!header.equalsIgnoreCase("host")) {
                headers.put(capitalized(header), String.join(",", values));
            }
        });
        return Optional.of(new PresignedPut(toUri(request.url()), headers, request.expiration()));
    }

    /** {@code content-type} as {@code Content-Type}: signed header names come in lower case. */
    private static String capitalized(String header) {
        return java.util.Arrays.stream(header.split("-"))
                .map(word -> word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(java.util.stream.Collectors.joining("-"));
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the S3 presigner made an invalid URL " + url, e);
        }
    }

    @Override
    public InputStream open(String key) {
        String name = name(key);
        return call("read", key, () -> client.getObject(get -> get.bucket(bucket).key(name)));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        String name = name(key);
        try {
            HeadObjectResponse head = call("stat", key, () -> client.headObject(get -> get.bucket(bucket).key(name)));
            return Optional.of(new StoredObject(key, head.contentLength(), head.contentType(), head.lastModified()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        return call("list", prefix + "*", () -> pages(prefix).flatMap(page -> listed(page).stream()).toList());
    }

    @Override
    public void delete(String key) {
        String name = name(key);
        call("delete", key, () -> client.deleteObject(delete -> delete.bucket(bucket).key(name)));
    }

    /** Removes a page of keys per request rather than one request per key. */
    @Override
    public int deleteAll(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        return call("delete", prefix + "*", () -> pages(prefix).mapToInt(this::deleteAll).sum());
    }

    @Override
    public String describe() {
        return description;
    }

    /** Fails unless the bucket exists and the credentials may use it; the health check. */
    void checkBucket() {
        try {
            client.headBucket(head -> head.bucket(bucket)
                    .overrideConfiguration(request -> request.apiCallTimeout(CHECK_TIMEOUT)));
        } catch (NoSuchBucketException e) {
            throw new StorageUnavailableException("bucket " + bucket + " does not exist at " + endpoint(client), e);
        } catch (SdkException e) {
            throw unavailable("reach", "bucket " + bucket, e);
        }
    }

    private String name(String key) {
        return prefix + ObjectKeys.requireValid(key);
    }

    private Stream<ListObjectsV2Response> pages(String prefix) {
        return client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(this.prefix + prefix).maxKeys(BATCH))
                .stream();
    }

    /** The page's objects, without any whose name is not a key (a folder marker made by another tool, say). */
    private List<StoredObject> listed(ListObjectsV2Response page) {
        return page.contents().stream()
                .filter(object -> ObjectKeys.isValid(keyOf(object)))
                .map(object -> new StoredObject(keyOf(object), object.size(), ContentTypes.fromKey(keyOf(object)),
                        object.lastModified()))
                .toList();
    }

    private int deleteAll(ListObjectsV2Response page) {
        if (page.contents().isEmpty()) {
            return 0;
        }
        List<ObjectIdentifier> objects = page.contents().stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList();
        DeleteObjectsResponse response = client.deleteObjects(delete -> delete.bucket(bucket)
                .delete(batch -> batch.objects(objects).quiet(true)));
        if (!response.errors().isEmpty()) {
            S3Error error = response.errors().getFirst();
            throw new StorageUnavailableException("cannot delete " + error.key().substring(prefix.length()) + " in "
                    + description + ": S3 error " + error.code() + ": " + error.message()
                    + " (and " + (response.errors().size() - 1) + " more in the batch)", null);
        }
        return objects.size();
    }

    private String keyOf(S3Object object) {
        return object.key().substring(prefix.length());
    }

    /**
     * Runs one request, translating the SDK's failures: an object that is not there is {@link ObjectNotFoundException};
     * everything else, the store unreachable, failing or refusing, is {@link StorageUnavailableException}.
     */
    private <T> T call(String action, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isMissingBucket(e)) {
                throw new ObjectNotFoundException("no object " + key + " in " + description);
            }
            throw unavailable(action, key, e);
        } catch (SdkException e) {
            throw unavailable(action, key, e);
        } catch (UncheckedIOException e) {
            // RequestBody.fromFile reads the file's length before any request is made.
            throw new StorageUnavailableException("cannot " + action + " " + key + " in " + description + ": "
                    + e.getCause(), e);
        }
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e instanceof NoSuchBucketException
                || e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private StorageUnavailableException unavailable(String action, String key, SdkException e) {
        String reason = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null
                ? "S3 error " + service.awsErrorDetails().errorCode() + ": " + e.getMessage()
                : e.getMessage();
        return new StorageUnavailableException("cannot " + action + " " + key + " in " + description + ": " + reason, e);
    }
}
