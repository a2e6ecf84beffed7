package io.pixbox.server.storage;

import io.pixbox.server.AwsAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the service keeps the bytes of originals and variants ({@code pixbox.storage}).
 *
 * @param type       filesystem (directories under filesystem.root) or s3 (buckets of an S3-compatible store)
 * @param filesystem where the filesystem type keeps its files
 * @param s3         how the s3 type reaches its store
 * @param originals  where uploaded originals go: bucket default s3.bucket, prefix default originals/
 * @param variants   where the variants workers make go: bucket default s3.bucket, prefix default variants/
 */
@ConfigurationProperties("pixbox.storage")
@Validated
public record StorageProperties(
        @DefaultValue("filesystem") @Pattern(regexp = "filesystem|s3", message = "must be filesystem or s3") String type,
        @DefaultValue @Valid @NotNull Filesystem filesystem,
        @DefaultValue @Valid @NotNull S3 s3,
        @Valid Location originals,
        @Valid Location variants) {

    static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
    static final String BUCKET_RULE = "must be 3 to 63 lower-case letters, digits, . and -, "
            + "starting and ending with a letter or digit";

    public StorageProperties {
        originals = withDefaults(originals, s3.bucket(), "originals/");
        variants = withDefaults(variants, s3.bucket(), "variants/");
    }

    boolean isS3() {
        return type.equals("s3");
    }

    private static Location withDefaults(Location given, String bucket, String prefix) {
        if (given == null) {
            return new Location(bucket, prefix);
        }
        return new Location(isBlank(given.bucket()) ? bucket : given.bucket(),
                given.prefix() == null ? prefix : given.prefix());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The filesystem type's settings.
     *
     * @param root directory under which originals and variants get a directory each (their prefixes); default
     *             objects under pixbox.data-dir
     */
    public record Filesystem(Path root) {

        Path rootIn(Path dataDir) {
            return (root == null ? dataDir.resolve("objects") : root).toAbsolutePath().normalize();
        }
    }

    /**
     * The s3 type's settings.
     *
     * @param endpoint      URL of an S3-compatible store, such as http://localhost:9000; empty for AWS S3
     * @param region        region requests are signed for and buckets created in
     * @param bucket        bucket of both originals and variants unless originals.bucket or variants.bucket names another
     * @param accessKey     access key id; give it with secret-key, or neither to use the AWS SDK's default credentials
     *                      chain (environment, profile, container or instance role)
     * @param secretKey     secret access key
     * @param pathStyle     address buckets as endpoint/bucket instead of bucket.endpoint; MinIO, S3Proxy and Ceph need true
     * @param createBuckets create missing buckets at start-up, for local stores; when false a missing bucket stops start-up
     * @param publicEndpoint URL clients use to reach the store, when it differs from endpoint (a store inside a private
     *                      network behind a public name); direct-upload URLs are signed for it; default endpoint
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("pixbox") @NotNull @Pattern(regexp = BUCKET, message = BUCKET_RULE) String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("false") boolean createBuckets,
            URI publicEndpoint) {

        public S3 {
            endpoint = AwsAccess.endpoint(endpoint, "http://localhost:9000");
            publicEndpoint = AwsAccess.endpoint(publicEndpoint, "https://s3.example.com");
            accessKey = AwsAccess.key(accessKey);
            secretKey = AwsAccess.key(secretKey);
            AwsAccess.requirePair(accessKey, secretKey);
        }

        @Override
        public String toString() {
            // Records print every component; a secret must not reach a log this way.
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey=" + accessKey
                    + ", secretKey=" + (secretKey == null ? null : "******") + ", pathStyle=" + pathStyle
                    + ", createBuckets=" + createBuckets + ", publicEndpoint=" + publicEndpoint + "]";
        }
    }

    /**
     * Where one of the two stores keeps its objects.
     *
     * @param bucket the s3 type's bucket for this store, default s3.bucket; ignored by the filesystem type
     * @param prefix start of every key: a key prefix in the bucket, or a directory under filesystem.root; empty,
     *               or segments each ending in /; default originals/ for originals and variants/ for variants
     */
    public record Location(
            @Pattern(regexp = BUCKET, message = BUCKET_RULE) String bucket,
            @Pattern(regexp = "((?!\\.\\.?/)[A-Za-z0-9._-]+/)*",
                    message = "must be empty or letters, digits and . _ - segments each ending in /, such as originals/")
            String prefix) {
    }
}
