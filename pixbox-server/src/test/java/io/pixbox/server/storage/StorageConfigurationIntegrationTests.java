package io.pixbox.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

import io.pixbox.server.PixboxProperties;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(OutputCaptureExtension.class)
class StorageConfigurationIntegrationTests {

    static final S3ProxyServer server = new S3ProxyServer();
    static S3Client s3;

    @TempDir
    Path temp;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Storage.class);

    @BeforeAll
    static void startServer() {
        server.start();
        s3 = S3ProxyServer.client(server);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.stop();
    }

    @Test
    void buildsFileSystemStoresUnderTheDataDirectoryByDefault() {
        inDataDir().run(app -> {
            // given
            ObjectStores stores = app.getBean(ObjectStores.class);
            Path objects = temp.resolve("data").resolve("objects");

            // when
            stores.originals().put("a/1.jpg", new ByteArrayInputStream(new byte[3]), 3, "image/jpeg");

            // then
            assertThat(stores.originals()).isInstanceOf(FileSystemObjectStore.class);
            assertThat(stores.originals().describe()).isEqualTo("files in " + objects.resolve("originals"));
            assertThat(stores.variants().describe()).isEqualTo("files in " + objects.resolve("variants"));
            assertThat(objects.resolve("originals/a/1.jpg")).hasSize(3);
            assertThat(objects.resolve("variants")).isEmptyDirectory();
            assertThat(app).doesNotHaveBean(S3Client.class);
        });
    }

    @Test
    void placesFileSystemStoresUnderTheConfiguredRootAndPrefixes() {
        inDataDir().withPropertyValues("pixbox.storage.filesystem.root=" + temp.resolve("elsewhere"),
                "pixbox.storage.originals.prefix=in/", "pixbox.storage.variants.prefix=out/made/").run(app -> {
            ObjectStores stores = app.getBean(ObjectStores.class);
            assertThat(stores.originals().describe()).isEqualTo("files in " + temp.resolve("elsewhere/in"));
            assertThat(stores.variants().describe()).isEqualTo("files in " + temp.resolve("elsewhere/out/made"));
        });
    }

    @Test
    void buildsS3StoresOnTheConfiguredBucketsAndPrefixesCreatingTheBuckets() {
        onS3Proxy("pixbox.storage.s3.create-buckets=true", "pixbox.storage.s3.bucket=shared-bucket",
                "pixbox.storage.originals.bucket=originals-bucket", "pixbox.storage.variants.prefix=made/").run(app -> {
            // given
            ObjectStores stores = app.getBean(ObjectStores.class);

            // when
            stores.originals().put("a/1.jpg", new ByteArrayInputStream(new byte[3]), 3, "image/jpeg");
            stores.variants().put("a/1/thumb.jpg", new ByteArrayInputStream(new byte[2]), 2, "image/jpeg");

            // then
            assertThat(stores.originals()).isInstanceOf(S3ObjectStore.class);
            assertThat(stores.originals().describe())
                    .isEqualTo("s3://originals-bucket/originals/ at " + server.endpoint());
            assertThat(stores.variants().describe()).isEqualTo("s3://shared-bucket/made/ at " + server.endpoint());
            assertThat(keys("originals-bucket")).containsExactly("originals/a/1.jpg");
            assertThat(keys("shared-bucket")).containsExactly("made/a/1/thumb.jpg");
        });
    }

    @Test
    void failsStartUpNamingTheBucketTheEndpointAndTheSettingWhenABucketIsMissing() {
        onS3Proxy("pixbox.storage.s3.bucket=absent-bucket").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new StorageFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription())
                    .isEqualTo("The S3 bucket \"absent-bucket\" does not exist at " + server.endpoint() + ".");
            assertThat(analysis.getAction()).contains("pixbox.storage.s3.create-buckets=true",
                    "PIXBOX_STORAGE_S3_CREATEBUCKETS", "pixbox.storage.s3.bucket");
        });
    }

    @Test
    void failsStartUpWhenS3RefusesTheCredentials() {
        onS3Proxy("pixbox.storage.s3.secret-key=wrong").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new StorageFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).contains("refused access to the bucket \"pixbox\"", "HTTP 403");
            assertThat(analysis.getAction()).contains("pixbox.storage.s3.access-key", "PIXBOX_STORAGE_S3_SECRETKEY");
        });
    }

    @Test
    void failsStartUpWhenS3CannotBeReached() {
        inDataDir().withPropertyValues("pixbox.storage.type=s3", "pixbox.storage.s3.endpoint=http://127.0.0.1:1",
                "pixbox.storage.s3.access-key=key-id", "pixbox.storage.s3.secret-key=secret").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new StorageFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("Cannot reach S3 at http://127.0.0.1:1: ");
            assertThat(analysis.getAction()).contains("pixbox.storage.s3.endpoint (PIXBOX_STORAGE_S3_ENDPOINT)");
        });
    }

    @Test
    void failsStartUpWhenTheTypeIsUnknown() {
        inDataDir().withPropertyValues("pixbox.storage.type=ftp").run(app ->
                assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("must be filesystem or s3"));
    }

    @Test
    void reportsAMissingBucketReadablyWhenTheApplicationFailsToStart(CapturedOutput output) {
        // when
        assertThatThrownBy(() -> application().run("--pixbox.storage.type=s3",
                "--pixbox.storage.s3.endpoint=" + server.endpoint(), "--pixbox.storage.s3.path-style=true",
                "--pixbox.storage.s3.access-key=" + server.accessKey(),
                "--pixbox.storage.s3.secret-key=" + server.secretKey(),
                "--pixbox.storage.s3.bucket=never-made"));

        // then
        assertThat(output).contains("APPLICATION FAILED TO START",
                "The S3 bucket \"never-made\" does not exist at " + server.endpoint(),
                "set pixbox.storage.s3.create-buckets=true (PIXBOX_STORAGE_S3_CREATEBUCKETS=true)");
    }

    @Test
    void reportsAnUnknownTypeReadablyWhenTheApplicationFailsToStart(CapturedOutput output) {
        // when
        assertThatThrownBy(() -> application().run("--pixbox.storage.type=ftp"));

        // then
        assertThat(output).contains("APPLICATION FAILED TO START", "Property: pixbox.storage.type", "Value: \"ftp\"",
                "Reason: must be filesystem or s3");
    }

    @Test
    void refusesOriginalsAndVariantsThatWouldShareObjects() {
        inDataDir().withPropertyValues("pixbox.storage.originals.prefix=").run(app -> {
            assertThat(app).hasFailed();
            FailureAnalysis analysis = new StorageFailureAnalyzer().analyze(app.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Originals (prefix \"\") and variants (prefix \"variants/\") "
                    + "would share objects under one root.");
        });
    }

    @Test
    void refusesPrefixesThatAreNotDirectories() {
        inDataDir().withPropertyValues("pixbox.storage.variants.prefix=../up/").run(app ->
                assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("such as originals/"));
    }

    @Test
    void refusesAnAccessKeyWithoutASecretKey() {
        inDataDir().withPropertyValues("pixbox.storage.s3.access-key=alone").run(app ->
                assertThat(app).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("access-key and secret-key go together"));
    }

    @Test
    void reportsFileSystemStorageUpWithWhereEachStoreKeepsItsBytes() {
        inDataDir().run(app -> {
            Health health = app.getBean("storageHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("originals", app.getBean(ObjectStores.class).originals().describe())
                    .containsKey("variants");
        });
    }

    @Test
    void reportsFileSystemStorageDownWhenItsDirectoryIsGone() {
        inDataDir().run(app -> {
            // given
            FileSystemUtils.deleteRecursively(temp.resolve("data/objects/variants"));

            // when
            Health health = app.getBean("storageHealthIndicator", HealthIndicator.class).health();

            // then
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason").toString())
                    .isEqualTo(temp.resolve("data/objects/variants") + " is not a directory Pixbox may write to");
        });
    }

    @Test
    void reportsS3StorageUpAndThenDownWhenTheServerStops() {
        try (S3ProxyServer stopping = new S3ProxyServer().start()) {
            onS3Proxy(stopping, "pixbox.storage.s3.create-buckets=true").run(app -> {
                // given
                HealthIndicator indicator = app.getBean("storageHealthIndicator", HealthIndicator.class);
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                assertThat(indicator.health().getDetails())
                        .containsEntry("originals", "s3://pixbox/originals/ at " + stopping.endpoint());

                // when
                stopping.stop();

                // then
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("reason").toString())
                        .startsWith("cannot reach bucket pixbox in s3://pixbox/originals/ at " + stopping.endpoint())
                        .contains("Connection refused");
            });
        }
    }

    @Test
    void takesEverySettingFromItsDocumentedEnvironmentVariable() {
        settings(Map.ofEntries(
                Map.entry("PIXBOX_STORAGE_TYPE", "s3"),
                Map.entry("PIXBOX_STORAGE_FILESYSTEM_ROOT", "/srv/objects"),
                Map.entry("PIXBOX_STORAGE_S3_ENDPOINT", "http://minio:9000"),
                Map.entry("PIXBOX_STORAGE_S3_REGION", "eu-west-1"),
                Map.entry("PIXBOX_STORAGE_S3_BUCKET", "photos"),
                Map.entry("PIXBOX_STORAGE_S3_ACCESSKEY", "key-id"),
                Map.entry("PIXBOX_STORAGE_S3_SECRETKEY", "secret"),
                Map.entry("PIXBOX_STORAGE_S3_PATHSTYLE", "true"),
                Map.entry("PIXBOX_STORAGE_S3_CREATEBUCKETS", "true"),
                Map.entry("PIXBOX_STORAGE_ORIGINALS_BUCKET", "uploads"),
                Map.entry("PIXBOX_STORAGE_ORIGINALS_PREFIX", "o/"),
                Map.entry("PIXBOX_STORAGE_VARIANTS_BUCKET", "thumbnails"),
                Map.entry("PIXBOX_STORAGE_VARIANTS_PREFIX", "")
        )).run(app -> {
            StorageProperties storage = app.getBean(StorageProperties.class);
            assertThat(storage.type()).isEqualTo("s3");
            assertThat(storage.filesystem().root()).isEqualTo(Path.of("/srv/objects"));
            assertThat(storage.s3()).isEqualTo(new StorageProperties.S3(URI.create("http://minio:9000"), "eu-west-1",
                    "photos", "key-id", "secret", true, true, null));
            assertThat(storage.originals()).isEqualTo(new StorageProperties.Location("uploads", "o/"));
            assertThat(storage.variants()).isEqualTo(new StorageProperties.Location("thumbnails", ""));
        });
    }

    @Test
    void takesTheS3SettingsFromEnvironmentVariablesSpelledWithUnderscoresToo() {
        settings(Map.of(
                "PIXBOX_STORAGE_S3_ACCESS_KEY", "key-id",
                "PIXBOX_STORAGE_S3_SECRET_KEY", "secret",
                "PIXBOX_STORAGE_S3_PATH_STYLE", "true",
                "PIXBOX_STORAGE_S3_CREATE_BUCKETS", "true"
        )).run(app -> {
            StorageProperties.S3 s3 = app.getBean(StorageProperties.class).s3();
            assertThat(s3.accessKey()).isEqualTo("key-id");
            assertThat(s3.secretKey()).isEqualTo("secret");
            assertThat(s3.pathStyle()).isTrue();
            assertThat(s3.createBuckets()).isTrue();
        });
    }

    @Test
    void defaultsToFilesUnderTheDataDirectoryAndToAwsForS3() {
        settings(Map.of("PIXBOX_STORAGE_S3_ENDPOINT", "")).run(app -> {
            StorageProperties storage = app.getBean(StorageProperties.class);
            assertThat(storage.type()).isEqualTo("filesystem");
            assertThat(storage.filesystem().rootIn(Path.of("/data"))).isEqualTo(Path.of("/data/objects"));
            assertThat(storage.s3()).isEqualTo(new StorageProperties.S3(null, "us-east-1", "pixbox", null, null,
                    false, false, null));
            assertThat(storage.originals()).isEqualTo(new StorageProperties.Location("pixbox", "originals/"));
            assertThat(storage.variants()).isEqualTo(new StorageProperties.Location("pixbox", "variants/"));
        });
    }

    @Test
    void keepsTheSecretKeyOutOfTheSettingsText() {
        assertThat(new StorageProperties.S3(null, "us-east-1", "pixbox", "key-id", "secret", false, false, null).toString())
                .contains("accessKey=key-id", "secretKey=******").doesNotContain("=secret");
    }

    private ApplicationContextRunner inDataDir() {
        return context.withPropertyValues("pixbox.data-dir=" + temp.resolve("data"));
    }

    private ApplicationContextRunner onS3Proxy(String... settings) {
        return onS3Proxy(server, settings);
    }

    private ApplicationContextRunner onS3Proxy(S3ProxyServer proxy, String... settings) {
        return inDataDir().withPropertyValues("pixbox.storage.type=s3", "pixbox.storage.s3.endpoint=" + proxy.endpoint(),
                "pixbox.storage.s3.path-style=true", "pixbox.storage.s3.access-key=" + proxy.accessKey(),
                "pixbox.storage.s3.secret-key=" + proxy.secretKey()).withPropertyValues(settings);
    }

    /** Only the settings, bound from variables as the operating system's environment would give them. */
    private static ApplicationContextRunner settings(Map<String, Object> variables) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                        ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class)
                .withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                variables)));
    }

    private SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(Storage.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "pixbox.data-dir=" + temp.resolve("data"));
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2(list -> list.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StorageProperties.class, PixboxProperties.class})
    @Import(StorageConfiguration.class)
    static class Storage {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Settings {
    }
}
