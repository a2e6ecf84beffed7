package io.pixbox.server.storage;

import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3 server inside the test's JVM: S3Proxy over an in-memory blob store, on a free port of 127.0.0.1, asking
 * for signed requests with {@link #accessKey()} and {@link #secretKey()}. Each server starts empty.
 *
 * <pre>{@code
 * try (S3ProxyServer server = new S3ProxyServer().start(); S3Client s3 = S3ProxyServer.client(server)) {
 *     s3.createBucket(bucket -> bucket.bucket("pixbox"));
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final String ACCESS_KEY = "pixbox-test";
    private static final String SECRET_KEY = "pixbox-test-secret";

    private BlobStore blobs;
    private S3Proxy proxy;
    private int port;

    /** Starts the server and waits until it answers; answers this server. */
    public S3ProxyServer start() {
        if (proxy != null) {
            throw new IllegalStateException("S3Proxy is started already, at " + endpoint());
        }
        blobs = new TransientNio2BlobStore();
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!proxy.getState().equals("STARTED")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        port = proxy.getPort();
        return this;
    }

    /** Where the server listens, such as {@code http://127.0.0.1:41234}; still the same after {@link #stop()}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Stops the server and drops what it stored; does nothing when it is not running. */
    public void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
            blobs.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy at " + endpoint(), e);
        } finally {
            proxy = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A client of the server, with timeouts short enough that a test of a stopped server fails instead of hanging. */
    public static S3Client client(S3ProxyServer server) {
        return client(server.endpoint(), server.accessKey(), server.secretKey());
    }

    /** A client of an S3Proxy at {@code endpoint} signing with the given keys, right or wrong. */
    public static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(override -> override.retryStrategy(retry -> retry.maxAttempts(2)))
                .build();
    }

    /** A presigner for the server's address and keys, as Pixbox makes one for direct uploads. */
    public static S3Presigner presigner(S3ProxyServer server) {
        return S3Presigner.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
