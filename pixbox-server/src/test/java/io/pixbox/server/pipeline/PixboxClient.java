package io.pixbox.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as the end-to-end tests use it: real HTTP to a running server, answers kept whole, never thrown. */
public final class PixboxClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String token;
    private final RestClient http;

    /** An anonymous client. */
    public PixboxClient(int port) {
        this(port, null);
    }

    private PixboxClient(int port, String token) {
        this.port = port;
        this.token = token;
        // The JDK's client: it neither retries nor follows Retry-After by itself, so a test sees every answer as sent.
        RestClient.Builder builder = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port);
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        this.http = builder.build();
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    /** The same server as a client that sends this bearer token. */
    public PixboxClient withToken(String token) {
        return new PixboxClient(port, token);
    }

    /** Registers a new account with a random name, signs in, and answers a client acting as it. */
    public PixboxClient signedUp() {
        String name = "user-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Answer registered = postJson("/api/v1/auth/register",
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"correct horse battery\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Answer session = postJson("/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\"}");
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        return withToken(session.json().get("accessToken").asString());
    }

    /** One HTTP answer. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A file to upload: the name to send and the bytes. */
    public record Part(String name, byte[] bytes) {

        public static Part of(Path file) {
            try {
                return new Part(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** POST /api/v1/images with each part as a {@code file} field, then {@code recipe} and {@code preset} fields. */
    public Answer upload(List<Part> parts, List<String> recipes, List<String> presets) {
        return upload(parts, recipes, presets, Map.of());
    }

    /** As {@link #upload(List, List, List)}, with these request headers (such as Idempotency-Key). */
    public Answer upload(List<Part> parts, List<String> recipes, List<String> presets, Map<String, String> headers) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        for (Part part : parts) {
            body.part("file", new ByteArrayResource(part.bytes()) {
                @Override
                public String getFilename() {
                    return part.name();
                }
            }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        }
        recipes.forEach(recipe -> body.part("recipe", recipe));
        presets.forEach(preset -> body.part("preset", preset));
        RestClient.RequestBodySpec request = http.post().uri("/api/v1/images").contentType(MediaType.MULTIPART_FORM_DATA);
        headers.forEach(request::header);
        return exchange(request.body(body.build()));
    }

    public Answer upload(Part... parts) {
        return upload(List.of(parts), List.of(), List.of());
    }

    public Answer get(String path) {
        return exchange(http.get().uri(path));
    }

    public Answer get(String path, Map<String, String> headers) {
        RestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        headers.forEach(request::header);
        return exchange(request);
    }

    public Answer delete(String path) {
        return exchange(http.delete().uri(path));
    }

    public Answer patchJson(String path, String json) {
        return exchange(http.patch().uri(path).contentType(MediaType.APPLICATION_JSON).body(json));
    }

    /** PUTs raw bytes to a URL of this server, such as a direct upload's signed one (path and query as given). */
    public Answer putBytes(String url, String contentType, byte[] body) {
        java.net.URI target = java.net.URI.create(url);
        java.net.URI local = java.net.URI.create("http://localhost:" + port + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        return exchange(http.put().uri(local).contentType(MediaType.parseMediaType(contentType)).body(body));
    }

    public Answer postJson(String path, String json) {
        return exchange(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json));
    }

    /** Waits until every job of the upload answer is final, and answers each job's last state. */
    public List<JsonNode> awaitJobs(JsonNode uploaded, Duration timeout) {
        List<String> urls = new ArrayList<>();
        uploaded.get("images").forEach(image -> image.get("jobs").forEach(job -> urls.add(job.get("url").asString())));
        return urls.stream().map(url -> awaitJob(url, timeout)).toList();
    }

    /** Polls the job at {@code url} until it is succeeded, failed or dead; fails at once if it cannot be read. */
    public JsonNode awaitJob(String url, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("job " + url + " succeeded, failed or dead").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Answer answer = get(url);
                    if (answer.status() != 200) {
                        // Not a state to wait out: an exception other than an assertion ends the wait at once.
                        throw new IllegalStateException("GET " + url + " answered " + answer.status());
                    }
                    JsonNode job = answer.json();
                    last.set(job);
                    assertThat(job.get("state").asString()).as("job %s: %s", url, job)
                            .isIn("succeeded", "failed", "dead");
                });
        return last.get();
    }

    private static Answer exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                response.getHeaders(), response.getBody().readAllBytes()));
    }
}
