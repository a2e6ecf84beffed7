package io.pixbox.server.storage;

import java.util.Collection;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Checks at start-up that the stores' buckets exist and may be used, creating missing ones when asked to. */
final class S3Buckets {

    private S3Buckets() {
    }

    static void prepare(S3Client client, Collection<String> buckets, boolean create) {
        String endpoint = S3ObjectStore.endpoint(client);
        for (String bucket : new TreeSet<>(buckets)) {
            try {
                client.headBucket(head -> head.bucket(bucket));
            } catch (NoSuchBucketException e) {
                if (!create) {
                    throw new StorageSetupException("The S3 bucket \"" + bucket + "\" does not exist at " + endpoint
                            + ".", "Create the bucket, name an existing one in pixbox.storage.s3.bucket "
                            + "(PIXBOX_STORAGE_S3_BUCKET), pixbox.storage.originals.bucket or "
                            + "pixbox.storage.variants.bucket, or set pixbox.storage.s3.create-buckets=true "
                            + "(PIXBOX_STORAGE_S3_CREATEBUCKETS=true) to have Pixbox create it at start-up.", e);
                }
                create(client, bucket, endpoint);
            } catch (S3Exception e) {
                throw new StorageSetupException("S3 at " + endpoint + " refused access to the bucket \"" + bucket
                        + "\" (HTTP " + e.statusCode() + ").", "Check pixbox.storage.s3.access-key and secret-key "
                        + "(PIXBOX_STORAGE_S3_ACCESSKEY, PIXBOX_STORAGE_S3_SECRETKEY), the bucket's permissions, "
                        + "and pixbox.storage.s3.region (PIXBOX_STORAGE_S3_REGION).", e);
            } catch (SdkClientException e) {
                throw new StorageSetupException("Cannot reach S3 at " + endpoint + ": " + e.getMessage(),
                        "Check that the store is running and that pixbox.storage.s3.endpoint "
                                + "(PIXBOX_STORAGE_S3_ENDPOINT) points at it; leave it empty for AWS S3.", e);
            }
        }
    }

    private static void create(S3Client client, String bucket, String endpoint) {
        Region region = client.serviceClientConfiguration().region();
        try {
            client.createBucket(request -> {
                request.bucket(bucket);
                // us-east-1 is S3's default location and refuses to be named as a constraint.
                if (!Region.US_EAST_1.equals(region)) {
                    request.createBucketConfiguration(location -> location.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // another Pixbox starting at the same time created it first
        } catch (SdkException e) {
            throw new StorageSetupException("Cannot create the S3 bucket \"" + bucket + "\" at " + endpoint + ": "
                    + e.getMessage(), "Create the bucket by hand, or give pixbox.storage.s3.access-key "
                    + "(PIXBOX_STORAGE_S3_ACCESSKEY) the right to create buckets.", e);
        }
    }
}
