package io.pixbox.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every API endpoint called by an anonymous caller, the owner of what it touches, another user and an admin, with
 * the status each must get. An endpoint that exists but is not listed here fails the test: adding one means
 * deciding who may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    enum Who { ANONYMOUS, OWNER, OTHER, ADMIN }

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws java.io.IOException {
        // Not @TempDir: with one test instance per class, Spring asks for this before JUnit would make it.
    }

    @LocalServerPort
    int port;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Who, PixboxClient> clients = new EnumMap<>(Who.class);
    /** An image of the owner's with its variants made. */
    private JsonNode image;

    /** One endpoint: how to call it as each caller, and the status each must get (anonymous, owner, other, admin). */
    private record Row(BiFunction<Who, PixboxClient, Answer> call, int anonymous, int owner, int other, int admin) {
        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> anonymous;
                case OWNER -> owner;
                case OTHER -> other;
                case ADMIN -> admin;
            };
        }
    }

    @BeforeAll
    void signUp() {
        PixboxClient anonymous = new PixboxClient(port);
        clients.put(Who.ADMIN, anonymous.signedUp()); // the first account is the admin
        clients.put(Who.OWNER, anonymous.signedUp());
        clients.put(Who.OTHER, anonymous.signedUp());
        clients.put(Who.ANONYMOUS, anonymous);
        JsonNode uploaded = upload();
        clients.get(Who.OWNER).awaitJobs(uploaded, PATIENCE);
        image = clients.get(Who.OWNER).get(uploaded.get("images").get(0).get("url").asString()).json();
    }

    private Map<String, Row> matrix() {
        Map<String, Row> rows = new LinkedHashMap<>();
        String imageUrl = image.get("url").asString();
        String variantUrl = image.get("variants").get(0).get("url").asString();
        String jobUrl = image.get("jobs").get(0).get("url").asString();
        String uploadUrl = clients.get(Who.OWNER).postJson("/api/v1/uploads", UPLOAD).json().get("upload").get("url").asString();
        rows.put("POST /api/v1/images", new Row((who, c) -> c.upload(PipelineContract.unique("mouse.jpg")), 401, 202, 202, 202));
        rows.put("GET /api/v1/images", new Row((who, c) -> c.get("/api/v1/images"), 200, 200, 200, 200));
        rows.put("GET /api/v1/images/{id}", new Row((who, c) -> c.get(imageUrl), 200, 200, 200, 200));
        rows.put("GET /api/v1/images/{id}/original", new Row((who, c) -> c.get(imageUrl + "/original"), 200, 200, 200, 200));
        rows.put("GET /api/v1/images/{id}/variants", new Row((who, c) -> c.get(imageUrl + "/variants"), 200, 200, 200, 200));
        rows.put("GET /api/v1/images/{id}/variants/{variantId}", new Row((who, c) -> c.get(variantUrl), 200, 200, 200, 200));
        rows.put("POST /api/v1/images/{id}/jobs", new Row((who, c) -> c.postJson(imageUrl + "/jobs", "{\"preset\":\"thumb\"}"),
                401, 202, 403, 202));
        rows.put("DELETE /api/v1/images/{id}", new Row((who, c) -> c.delete(freshImageUrl()), 401, 204, 403, 204));
        rows.put("GET /api/v1/jobs", new Row((who, c) -> c.get("/api/v1/jobs"), 401, 200, 200, 200));
        rows.put("GET /api/v1/jobs/{id}", new Row((who, c) -> c.get(jobUrl), 401, 200, 403, 200));
        rows.put("GET /api/v1/jobs/{id}/events", new Row((who, c) -> c.get(jobUrl + "/events"), 401, 200, 403, 200));
        rows.put("POST /api/v1/jobs/{id}/retry", new Row((who, c) -> c.postJson(failedJobUrl() + "/retry", ""), 401, 200, 403, 200));
        rows.put("POST /api/v1/auth/register", new Row((who, c) -> c.postJson("/api/v1/auth/register", registration()),
                201, 201, 201, 201));
        rows.put("POST /api/v1/auth/login", new Row((who, c) -> c.postJson("/api/v1/auth/login",
                "{\"username\":\"nobody-at-all\",\"password\":\"whatever it is\"}"), 401, 401, 401, 401));
        rows.put("POST /api/v1/auth/refresh", new Row((who, c) -> c.postJson("/api/v1/auth/refresh",
                "{\"refreshToken\":\"made-up\"}"), 401, 401, 401, 401));
        rows.put("POST /api/v1/auth/logout", new Row((who, c) -> c.postJson("/api/v1/auth/logout",
                "{\"refreshToken\":\"made-up\"}"), 204, 204, 204, 204));
        rows.put("GET /api/v1/auth/providers", new Row((who, c) -> c.get("/api/v1/auth/providers"), 200, 200, 200, 200));
        rows.put("GET /api/v1/auth/me", new Row((who, c) -> c.get("/api/v1/auth/me"), 401, 200, 200, 200));
        rows.put("POST /api/v1/tokens", new Row((who, c) -> c.postJson("/api/v1/tokens", "{\"name\":\"matrix\"}"), 401, 201, 201, 201));
        rows.put("GET /api/v1/tokens", new Row((who, c) -> c.get("/api/v1/tokens"), 401, 200, 200, 200));
        rows.put("DELETE /api/v1/tokens/{id}", new Row((who, c) -> c.delete("/api/v1/tokens/" + ownersToken()), 401, 204, 404, 404));
        String postUrl = freshPostUrl();
        rows.put("POST /api/v1/posts", new Row((who, c) -> c.postJson("/api/v1/posts",
                "{\"caption\":\"matrix\",\"imageIds\":[\"" + image.get("id").asString() + "\"]}"), 401, 201, 403, 403));
        rows.put("GET /api/v1/posts/{id}", new Row((who, c) -> c.get(postUrl), 200, 200, 200, 200));
        rows.put("GET /api/v1/posts/{id}/thumbnails", new Row((who, c) -> c.get(postUrl + "/thumbnails"), 200, 200, 200, 200));
        rows.put("PATCH /api/v1/posts/{id}", new Row((who, c) -> c.patchJson(postUrl, "{\"caption\":\"edited\"}"),
                401, 200, 403, 200));
        rows.put("DELETE /api/v1/posts/{id}", new Row((who, c) -> c.delete(freshPostUrl()), 401, 204, 403, 204));
        rows.put("GET /api/v1/feed", new Row((who, c) -> c.get("/api/v1/feed"), 200, 200, 200, 200));
        rows.put("GET /api/v1/users/{username}/feed", new Row((who, c) -> c.get("/api/v1/users/"
                + clients.get(Who.OWNER).get("/api/v1/auth/me").json().get("username").asString() + "/feed"), 200, 200, 200, 200));
        rows.put("POST /api/v1/uploads", new Row((who, c) -> c.postJson("/api/v1/uploads", UPLOAD), 401, 201, 201, 201));
        rows.put("GET /api/v1/uploads/{id}", new Row((who, c) -> c.get(uploadUrl), 401, 200, 403, 200));
        rows.put("POST /api/v1/uploads/{id}/complete", new Row((who, c) -> c.postJson(uploadUrl + "/complete", ""),
                401, 409, 403, 409));
        // The signature is the permission, as with a presigned S3 URL: whoever holds it may put the bytes, no one else.
        rows.put("PUT /api/v1/uploads/{id}/content", new Row((who, c) -> c.putBytes(signedPut(), "image/jpeg",
                new byte[10]), 204, 204, 204, 204));
        rows.put("GET /api/v1/bucket-objects", new Row((who, c) -> c.get("/api/v1/bucket-objects"), 401, 403, 403, 200));
        return rows;
    }

    private static final String UPLOAD = "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"bytes\":10}";

    /** The signed URL of a fresh direct upload of the owner's. */
    private String signedPut() {
        Answer started = clients.get(Who.OWNER).postJson("/api/v1/uploads", UPLOAD);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.json().get("url").asString();
    }

    /** A post of the owner's showing a fresh image of theirs. */
    private String freshPostUrl() {
        String imageId = upload().get("images").get(0).get("id").asString();
        Answer posted = clients.get(Who.OWNER).postJson("/api/v1/posts", "{\"caption\":\"mine\",\"imageIds\":[\"" + imageId + "\"]}");
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        return posted.json().get("url").asString();
    }

    @Test
    void listsEveryEndpointOfTheApi() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPathPatternsCondition().getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method + " " + pattern))));

        assertThat(matrix().keySet()).as("endpoints in the matrix; add any new endpoint with who may call it")
                .containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void answersEveryCallerOfEveryEndpointAsTheMatrixSays() {
        Map<String, String> wrong = new LinkedHashMap<>();
        matrix().forEach((endpoint, row) -> {
            for (Who who : Who.values()) {
                Answer answer = row.call().apply(who, clients.get(who));
                if (answer.status() != row.expected(who)) {
                    wrong.put(endpoint + " as " + who, answer.status() + " instead of " + row.expected(who) + ": " + answer.text());
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void listsTheCallersOwnJobsAndEveryonesForAnAdmin() {
        String ownersJob = image.get("jobs").get(0).get("id").asString();

        assertThat(jobIds(Who.OWNER, "")).contains(ownersJob);
        assertThat(jobIds(Who.OTHER, "")).doesNotContain(ownersJob);
        assertThat(jobIds(Who.ADMIN, "")).contains(ownersJob);
        assertThat(jobIds(Who.ADMIN, "&mine=true")).doesNotContain(ownersJob);
        assertThat(jobIds(Who.OWNER, "&state=failed")).doesNotContain(ownersJob);
        assertThat(clients.get(Who.OWNER).get("/api/v1/jobs?state=sleeping").status()).isEqualTo(400);
    }

    private java.util.List<String> jobIds(Who who, String query) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = clients.get(who).get("/api/v1/jobs?limit=100" + query + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(job -> ids.add(job.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    private JsonNode upload() {
        Answer uploaded = clients.get(Who.OWNER).upload(PipelineContract.unique("mouse.jpg"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        return uploaded.json();
    }

    private String freshImageUrl() {
        return upload().get("images").get(0).get("url").asString();
    }

    /** A job of the owner's that has failed: a crop outside the 800×500 photo. */
    private String failedJobUrl() {
        PixboxClient owner = clients.get(Who.OWNER);
        String url = owner.postJson(image.get("url").asString() + "/jobs", "{\"recipe\":\"crop:790:0:100:100\"}")
                .json().get("url").asString();
        assertThat(owner.awaitJob(url, PATIENCE).get("state").asString()).isEqualTo("failed");
        return url;
    }

    private String ownersToken() {
        return clients.get(Who.OWNER).postJson("/api/v1/tokens", "{\"name\":\"to revoke\"}").json().get("id").asString();
    }

    private static String registration() {
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        return "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"correct horse battery\"}";
    }
}
