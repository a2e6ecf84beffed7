package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.pipeline.PixboxClient.Part;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.server.image.ContentKeys;
import io.pixbox.server.image.Ingest;
import io.pixbox.server.image.Upload;
import io.pixbox.server.image.UploadAbandoned;
import io.pixbox.server.storage.ObjectStores;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline end to end over HTTP, written once and run against every combination of backends: real photos
 * in, variants out with the right sizes and formats; bad files refused with nothing kept; deletion leaving nothing.
 * Subclasses start the server on their backends, with a pixel limit of 2 megapixels and a byte limit of 2 MB.
 */
public abstract class PipelineContract {

    protected static final Duration PATIENCE = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ObjectStores stores;

    @Autowired
    protected Ingest ingest;

    protected PixboxClient client;

    @BeforeEach
    void connect() {
        client = new PixboxClient(port).signedUp();
    }

    public static Path photo(String name) {
        try {
            return Path.of(PipelineContract.class.getResource("/photos/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The photo's bytes with a random trailer after its end marker: the same picture, bytes no other test sends. */
    public static Part unique(String name) {
        byte[] bytes = Part.of(photo(name)).bytes();
        byte[] trailer = java.util.UUID.randomUUID().toString().getBytes();
        byte[] distinct = Arrays.copyOf(bytes, bytes.length + trailer.length);
        System.arraycopy(trailer, 0, distinct, bytes.length, trailer.length);
        return new Part(name, distinct);
    }

    @Test
    void makesTheDefaultVariantsOfRealPhotosWithTheirSizesAndFormats() throws IOException {
        // when
        Answer uploaded = client.upload(Part.of(photo("mouse.jpg")), Part.of(photo("goldfish.png")));

        // then
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        JsonNode images = uploaded.json().get("images");
        assertThat(images).hasSize(2);
        assertThat(images.get(0).get("jobs")).hasSize(3);
        assertThat(client.awaitJobs(uploaded.json(), PATIENCE)).allSatisfy(job ->
                assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded"));

        // mouse.jpg is 800×500, goldfish.png 600×396: thumb fits 256, medium 1024 (never enlarging), compressed keeps the size
        assertVariants(images.get(0), Map.of("thumb", "jpeg 256x160", "medium", "jpeg 800x500", "compressed", "jpeg 800x500"));
        assertVariants(images.get(1), Map.of("thumb", "jpeg 256x169", "medium", "jpeg 600x396", "compressed", "jpeg 600x396"));
    }

    @Test
    void runsTheRecipesAnUploadAsksForBesidesTheDefaults() throws IOException {
        // when
        Answer uploaded = client.upload(List.of(Part.of(photo("wood.webp"))), List.of("fill:100:50/format:png"), List.of());

        // then
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        JsonNode image = uploaded.json().get("images").get(0);
        assertThat(image.get("jobs")).extracting(job -> job.get("recipe").asString())
                .containsExactly("fit:256:256/format:jpeg/quality:80", "fit:1024:1024/format:jpeg/quality:85",
                        "format:jpeg/quality:75", "fill:100:50/format:png");
        client.awaitJobs(uploaded.json(), PATIENCE);
        JsonNode png = variantsOf(image).stream().filter(v -> v.get("recipe").asString().equals("fill:100:50/format:png"))
                .findFirst().orElseThrow();
        Answer download = client.get(png.get("url").asString());
        assertThat(download.headers().getContentType()).hasToString("image/png");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(decoded.getWidth()).isEqualTo(100);
        assertThat(decoded.getHeight()).isEqualTo(50);
    }

    @Test
    void refusesATextFileAndKeepsNothing() {
        // given
        Map<String, Long> before = stored();

        // when
        Answer answer = client.upload(new Part("notes.jpg", "these are not the pixels you are looking for\n".getBytes()));

        // then
        assertProblem(answer, 415, "image.unsupported_format");
        assertThat(answer.json().get("file").asString()).isEqualTo("notes.jpg");
        assertThat(answer.json().get("detail").asString()).contains("text");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void refusesATruncatedJpegAndKeepsNothing() throws IOException {
        // given
        Map<String, Long> before = stored();
        byte[] whole = java.nio.file.Files.readAllBytes(photo("mouse.jpg"));

        // when
        Answer answer = client.upload(new Part("cut.jpg", Arrays.copyOf(whole, whole.length / 2)));

        // then
        assertProblem(answer, 422, "image.corrupt");
        assertThat(answer.json().get("detail").asString()).contains("ends early");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void refusesAnImageOverThePixelLimitAndKeepsNothing() throws IOException {
        // given: 2000×1200 = 2.4 megapixels, over the 2-megapixel limit, in a small file
        Map<String, Long> before = stored();
        byte[] large = png(new BufferedImage(2000, 1200, BufferedImage.TYPE_BYTE_GRAY));

        // when
        Answer answer = client.upload(new Part("large.png", large));

        // then
        assertProblem(answer, 422, "image.too_large");
        assertThat(answer.json().get("detail").asString()).contains("2000×1200").contains("megapixels");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void refusesAFileOverTheByteLimitAndKeepsNothing() throws IOException {
        // given: a real JPEG header followed by 3 MB, over the 2 MB limit
        Map<String, Long> before = stored();
        byte[] big = Arrays.copyOf(java.nio.file.Files.readAllBytes(photo("mouse.jpg")), 3 * 1024 * 1024);

        // when
        Answer answer = client.upload(new Part("big.jpg", big));

        // then
        assertProblem(answer, 413, "image.too_large");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void refusesAWholeUploadWhenOneOfItsFilesIsBad() {
        // given
        Map<String, Long> before = stored();

        // when
        Answer answer = client.upload(Part.of(photo("mouse.jpg")), new Part("page.html", "<!doctype html><p>hi".getBytes()));

        // then
        assertProblem(answer, 415, "image.unsupported_format");
        assertThat(answer.json().get("file").asString()).isEqualTo("page.html");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void deletingAnImageLeavesNothingInTheDatabaseOrTheStore() {
        // given
        Map<String, Long> before = stored();
        Answer uploaded = client.upload(List.of(unique("goldfish.png")), List.of("grayscale/format:png"), List.of());
        client.awaitJobs(uploaded.json(), PATIENCE);
        String url = uploaded.json().get("images").get(0).get("url").asString();
        assertThat(stored()).isNotEqualTo(before);

        // when
        Answer deleted = client.delete(url);

        // then
        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(client.get(url), 404, "image.not_found");
        String job = uploaded.json().get("images").get(0).get("jobs").get(0).get("url").asString();
        assertProblem(client.get(job), 404, "job.not_found");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void identicalUploadsShareTheirBytesUntilTheLastIsDeleted() {
        // given: the same photo uploaded twice
        Map<String, Long> before = stored();
        Part photo = unique("mouse.jpg");
        Answer first = client.upload(photo);
        Answer second = client.upload(new Part("again.jpg", photo.bytes()));
        client.awaitJobs(first.json(), PATIENCE);
        client.awaitJobs(second.json(), PATIENCE);
        JsonNode one = first.json().get("images").get(0);
        JsonNode other = second.json().get("images").get(0);
        assertThat(one.get("sha256")).isEqualTo(other.get("sha256"));
        assertThat(stored().get("original objects")).isEqualTo(before.get("original objects") + 1);

        // when
        assertThat(client.delete(one.get("url").asString()).status()).isEqualTo(204);

        // then: the other keeps its original and every variant
        Answer original = client.get(other.get("originalUrl").asString());
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(photo.bytes());
        assertThat(variantsOf(other)).hasSize(3).allSatisfy(variant ->
                assertThat(client.get(variant.get("url").asString()).status()).isEqualTo(200));

        // and when the last goes, so do the bytes
        assertThat(client.delete(other.get("url").asString()).status()).isEqualTo(204);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aRecipeThatCannotApplyFailsAtOnceWithItsReason() {
        // given
        Answer uploaded = client.upload(Part.of(photo("mouse.jpg")));
        String image = uploaded.json().get("images").get(0).get("url").asString();

        // when: mouse.jpg is 800×500
        Answer queued = client.postJson(image + "/jobs", "{\"recipe\":\"crop:700:0:200:100\"}");

        // then
        assertThat(queued.status()).as(queued.text()).isEqualTo(202);
        JsonNode job = client.awaitJob(queued.json().get("url").asString(), PATIENCE);
        assertThat(job.get("state").asString()).isEqualTo("failed");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("errorCode").asString()).isEqualTo("recipe.not_applicable");
        assertThat(job.get("error").asString()).contains("crop:700:0:200:100");
    }

    protected void assertVariants(JsonNode image, Map<String, String> expected) throws IOException {
        List<JsonNode> variants = variantsOf(image);
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode variant : variants) {
            Answer download = client.get(variant.get("url").asString());
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.headers().getContentType()).hasToString("image/" + variant.get("format").asString());
            assertThat(download.headers().getETag()).isNotBlank();
            assertThat(download.headers().getCacheControl()).contains("max-age");
            assertThat((long) download.body().length).isEqualTo(variant.get("bytes").asLong());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(download.body()));
            String seen = variant.get("format").asString() + " " + decoded.getWidth() + "x" + decoded.getHeight();
            assertThat(seen).isEqualTo(variant.get("format").asString() + " " + variant.get("width").asInt() + "x"
                    + variant.get("height").asInt());
            actual.put(variant.get("preset").asString(), seen);
        }
        assertThat(actual).isEqualTo(new TreeMap<>(expected));
    }

    protected List<JsonNode> variantsOf(JsonNode image) {
        Answer answer = client.get(image.get("variantsUrl").asString());
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> variants = new java.util.ArrayList<>();
        answer.json().forEach(variants::add);
        return variants;
    }

    protected static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    /** How many rows and objects exist, to show that a refused upload or a deletion left nothing behind. */
    protected Map<String, Long> stored() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("originals", "images", "variants", "jobs")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        counts.put("original objects", (long) stores.originals().list("").size());
        counts.put("variant objects", (long) stores.variants().list("").size());
        return counts;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void keepsNothingOfAnUploadWhoseClientWentAwayBeforeTheCommit() throws IOException {
        // given: bytes no other test sends
        Part photo = unique("mouse.jpg");
        Path file = java.nio.file.Files.createTempFile("abandoned-", ".jpg");
        java.nio.file.Files.write(file, photo.bytes());
        String sha256 = java.util.HexFormat.of().formatHex(sha256(photo.bytes()));
        long jobs = jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();

        // when: the client is gone by the time everything is stored, just before the commit
        assertThatThrownBy(() -> ingest.ingest(List.of(new Upload("abandoned.jpg", file)), List.of(), null, () -> false))
                .isInstanceOf(UploadAbandoned.class);

        // then: no record, no job, no bytes
        assertThat(jdbc.sql("SELECT COUNT(*) FROM images WHERE sha256 = ?").param(sha256).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM originals WHERE sha256 = ?").param(sha256).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single()).isEqualTo(jobs);
        assertThat(stores.originals().stat(ContentKeys.original(sha256, ImageFormat.JPEG))).isEmpty();
        java.nio.file.Files.delete(file);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
