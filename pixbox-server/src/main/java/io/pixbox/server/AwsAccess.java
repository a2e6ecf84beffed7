package io.pixbox.server;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How every AWS client of Pixbox (S3, SQS) reads its endpoint and keys, so that the settings mean the same everywhere. */
public final class AwsAccess {

    private AwsAccess() {
    }

    /** The endpoint given, or null for the service's own in the region; refuses anything but an http(s) URL. */
    public static URI endpoint(URI endpoint, String example) {
        if (endpoint == null || endpoint.toString().isEmpty()) {
            return null;
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL such as " + example
                    + ", got \"" + endpoint + "\"");
        }
        return endpoint;
    }

    /** A key as given, or null when blank. */
    public static String key(String key) {
        return key == null || key.isBlank() ? null : key;
    }

    /** Refuses one key without the other. */
    public static void requirePair(String accessKey, String secretKey) {
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("access-key and secret-key go together: give both, or neither "
                    + "to use the AWS SDK's default credentials chain");
        }
    }

    /** The keys given, or the AWS SDK's default credentials chain (environment, profile, container or instance role). */
    public static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        return accessKey == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
