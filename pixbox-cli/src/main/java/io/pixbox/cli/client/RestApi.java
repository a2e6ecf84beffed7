package io.pixbox.cli.client;

import io.pixbox.imaging.recipe.Recipe;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The client over the REST API (/api/v1), with {@code --rest}: the same commands, over plain HTTP. */
public final class RestApi implements PixboxApi {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);

    private final URI server;
    private final String token;
    private final HttpClient http;

    public RestApi(URI server, String token) {
        this.server = server;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in with a username and password and answers a new personal API token for this client. */
    public static String login(URI server, String username, String password, String tokenName) {
        try (RestApi anonymous = new RestApi(server, null)) {
            JsonNode session = anonymous.json(anonymous.request("/api/v1/auth/login").header("Content-Type", "application/json")
                    .POST(jsonBody(Map.of("username", username, "password", password))));
            try (RestApi signedIn = new RestApi(server, session.get("accessToken").asString())) {
                return signedIn.json(signedIn.request("/api/v1/tokens").header("Content-Type", "application/json").POST(jsonBody(Map.of("name", tokenName))))
                        .get("token").asString();
            }
        }
    }

    @Override
    public Uploaded upload(Path file, List<String> recipes, List<String> presets, String idempotencyKey,
                           LongConsumer sent) {
        String boundary = "pixbox-" + UUID.randomUUID();
        StringBuilder fields = new StringBuilder();
        recipes.forEach(recipe -> field(fields, boundary, "recipe", recipe));
        presets.forEach(preset -> field(fields, boundary, "preset", preset));
        fields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(file.getFileName().toString().replace("\"", "%22")).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        byte[] head = fields.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream counted = new FilterInputStream(Files.newInputStream(file)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int read = super.read(b, off, len);
                        if (read > 0) {
                            sent.accept(read);
                        }
                        return read;
                    }
                };
                return new SequenceInputStream(Collections.enumeration(List.of(
                        new ByteArrayInputStream(head), counted, new ByteArrayInputStream(tail))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!Files.isReadable(file)) {
            throw new ClientException("client.unreadable", "cannot read " + file, ClientException.FAILED);
        }
        HttpResponse<String> response = send(request("/api/v1/images").header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        JsonNode image = answer.get("images").get(0);
        List<JobInfo> jobs = new ArrayList<>();
        image.get("jobs").forEach(job -> jobs.add(job(job)));
        return new Uploaded(image(image), jobs,
                response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent());
    }

    @Override
    public JobInfo process(String imageId, String recipe, String preset) {
        Map<String, String> body = recipe != null ? Map.of("recipe", recipe) : Map.of("preset", preset);
        return job(json(request("/api/v1/images/" + path(imageId) + "/jobs")
                .header("Content-Type", "application/json").POST(jsonBody(body))));
    }

    @Override
    public JobInfo job(String id) {
        return job(json(request("/api/v1/jobs/" + path(id)).GET()));
    }

    @Override
    public JobInfo await(String id, Consumer<JobInfo> changed) {
        JobInfo last = null;
        while (true) {
            JobInfo now = job(id);
            if (last == null || !last.state().equals(now.state()) || last.attempts() != now.attempts()) {
                changed.accept(now);
            }
            last = now;
            if (now.isFinal()) {
                return now;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("client.interrupted", "interrupted", ClientException.FAILED);
            }
        }
    }

    @Override
    public List<JobInfo> jobs(int limit) {
        List<JobInfo> jobs = new ArrayList<>();
        json(request("/api/v1/jobs?limit=" + limit).GET()).get("items").forEach(job -> jobs.add(job(job)));
        return jobs;
    }

    @Override
    public ImageInfo image(String id) {
        return image(json(request("/api/v1/images/" + path(id)).GET()));
    }

    @Override
    public List<ImageInfo> find(String fileName) {
        List<ImageInfo> found = new ArrayList<>();
        json(request("/api/v1/images?limit=100&name=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)).GET())
                .get("items").forEach(image -> found.add(image(image.get("id").asString())));
        return found;
    }

    @Override
    public Downloaded download(String imageId, String variant, Function<Downloaded, OutputStream> open) {
        String url;
        if (variant == null || variant.isEmpty()) {
            url = "/api/v1/images/" + path(imageId) + "/original";
        } else {
            url = variantUrl(image(imageId), imageId, variant);
        }
        HttpResponse<InputStream> response = send(request(url).GET(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw refusal(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String name = response.headers().firstValue("Content-Disposition")
                    .map(RestApi::fileNameOf).orElse(imageId);
            Downloaded coming = new Downloaded(name, response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1));
            try (OutputStream out = open.apply(coming)) {
                in.transferTo(out);
            }
            return coming;
        } catch (IOException e) {
            throw new ClientException("client.connection", "the download broke off: " + e.getMessage(), ClientException.UNAVAILABLE);
        }
    }

    @Override
    public void delete(String imageId) {
        send(request("/api/v1/images/" + path(imageId)).DELETE());
    }

    @Override
    public void close() {
        http.close();
    }

    /** The variant's URL by its id, its preset's name, or its recipe in any spelling of the canonical one. */
    private String variantUrl(ImageInfo image, String imageId, String variant) {
        for (VariantInfo v : image.variants()) {
            if (v.id().equals(variant) || variant.equals(v.preset())) {
                return "/api/v1/images/" + path(imageId) + "/variants/" + v.id();
            }
        }
        String recipe;
        try {
            recipe = Recipe.parse(variant).toString();
        } catch (RuntimeException e) {
            // As the gRPC server answers: neither an id, a preset nor a recipe.
            throw new ClientException("recipe.invalid", e.getMessage(), ClientException.FAILED);
        }
        for (VariantInfo v : image.variants()) {
            if (v.recipe().equals(recipe)) {
                return "/api/v1/images/" + path(imageId) + "/variants/" + v.id();
            }
        }
        throw new ClientException("image.not_found", "image " + imageId + " has no variant " + variant + " (" + recipe
                + ") yet", ClientException.NOT_FOUND);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(10));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private JsonNode json(HttpRequest.Builder request) {
        return JSON.readTree(send(request));
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new ClientException("client.connection", "cannot reach " + server + ": connection refused", ClientException.UNAVAILABLE);
        } catch (IOException e) {
            throw new ClientException("client.connection", "the connection to " + server + " failed: " + e.getMessage(),
                    ClientException.UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("client.interrupted", "interrupted", ClientException.FAILED);
        } catch (UncheckedIOException e) {
            throw new ClientException("client.unreadable", e.getCause().getMessage(), ClientException.FAILED);
        }
    }

    /** A problem detail as one line, with its code, and the exit status its HTTP status gives. */
    private static ClientException refusal(int status, String body) {
        String code = "http." + status;
        String message = "the server answered " + status;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("code")) {
                code = problem.get("code").asString();
            }
            if (problem.hasNonNull("detail")) {
                message = problem.get("detail").asString();
            }
        } catch (RuntimeException e) {
            // Not a problem detail: keep the status.
        }
        int exit = switch (status) {
            case 401, 403 -> ClientException.AUTH;
            case 404 -> ClientException.NOT_FOUND;
            case 502, 503, 504 -> ClientException.UNAVAILABLE;
            default -> ClientException.FAILED;
        };
        return new ClientException(code, message, exit);
    }

    private static void field(StringBuilder body, String boundary, String name, String value) {
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }

    private static HttpRequest.BodyPublisher jsonBody(Object value) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    private static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String fileNameOf(String disposition) {
        int star = disposition.indexOf("filename*=UTF-8''");
        if (star >= 0) {
            String encoded = disposition.substring(star + "filename*=UTF-8''".length()).split(";")[0];
            return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        }
        int plain = disposition.indexOf("filename=\"");
        return plain < 0 ? "download" : disposition.substring(plain + 10, disposition.indexOf('"', plain + 10));
    }

    private static ImageInfo image(JsonNode image) {
        List<VariantInfo> variants = new ArrayList<>();
        if (image.hasNonNull("variants")) {
            image.get("variants").forEach(v -> variants.add(new VariantInfo(v.get("id").asString(),
                    v.get("recipe").asString(), v.hasNonNull("preset") ? v.get("preset").asString() : null,
                    v.get("format").asString(), v.get("width").asInt(), v.get("height").asInt(), v.get("bytes").asLong())));
        }
        return new ImageInfo(image.get("id").asString(), image.get("fileName").asString(), image.get("format").asString(),
                image.get("contentType").asString(), image.get("bytes").asLong(), image.get("width").asInt(),
                image.get("height").asInt(), image.get("createdAt").asString(), variants);
    }

    private static JobInfo job(JsonNode job) {
        return new JobInfo(job.get("id").asString(), job.get("imageId").asString(),
                job.hasNonNull("fileName") ? job.get("fileName").asString() : null, job.get("recipe").asString(),
                job.get("state").asString().toLowerCase(java.util.Locale.ROOT), job.get("attempts").asInt(),
                job.hasNonNull("errorCode") ? job.get("errorCode").asString() : null,
                job.hasNonNull("error") ? job.get("error").asString() : null);
    }
}
