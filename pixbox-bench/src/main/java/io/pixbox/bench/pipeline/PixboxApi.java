package io.pixbox.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The two calls of the service's REST API the load needs: upload one file, read one job. */
final class PixboxApi {

    /** A job as {@code GET /api/v1/jobs/{id}} shows it; times are the server's, null until they happen. */
    record JobRecord(UUID id, String recipe, String state, int attempts, String errorCode, String error,
                     Instant createdAt, Instant startedAt, Instant finishedAt) {

        boolean isFinal() {
            return switch (state) {
                case "succeeded", "failed", "dead" -> true;
                default -> false;
            };
        }
    }

    /** Thrown for an answer other than the one expected, with its status and the start of its body. */
    static final class UnexpectedAnswer extends IOException {
        UnexpectedAnswer(String request, int status, String body) {
            super(request + " answered " + status + ": " + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the service speaks HTTP/1.1: no h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    PixboxApi(URI base) {
        this.base = base;
    }

    /** Uploads {@code file} alone in a multipart request; answers the ids of the jobs queued for it. */
    List<UUID> upload(Path file) throws IOException, InterruptedException {
        String boundary = "pixbox-bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/images"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file),
                        BodyPublishers.ofByteArray(tail)))
                .build();
        var response = http.send(request, BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new UnexpectedAnswer("POST /api/v1/images with " + file.getFileName(), response.statusCode(),
                    response.body());
        }
        List<UUID> jobs = new ArrayList<>();
        for (JsonNode image : json.readTree(response.body()).path("images")) {
            for (JsonNode job : image.path("jobs")) {
                jobs.add(UUID.fromString(job.path("id").asString()));
            }
        }
        return jobs;
    }

    JobRecord job(UUID id) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + id)).GET().build(),
                BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UnexpectedAnswer("GET /api/v1/jobs/" + id, response.statusCode(), response.body());
        }
        JsonNode job = json.readTree(response.body());
        return new JobRecord(id, job.path("recipe").asString(), job.path("state").asString(),
                job.path("attempts").asInt(), text(job, "errorCode"), text(job, "error"),
                instant(job, "createdAt"), instant(job, "startedAt"), instant(job, "finishedAt"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }
}
