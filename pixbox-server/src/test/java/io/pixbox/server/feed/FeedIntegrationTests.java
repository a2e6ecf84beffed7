package io.pixbox.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.PixboxServer;
import io.pixbox.server.pipeline.PipelineContract;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Posts and feeds over HTTP. The service under test has no worker, so thumbnails appear only when a test starts
 * one (a second process-like context on the same data), which shows a post saying its thumbnails are pending.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pixbox.roles=api,scheduler")
class FeedIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("pixbox.data-dir", () -> temp.resolve("data").toString());
    }

    @LocalServerPort
    int port;

    PixboxClient alice;
    PixboxClient anonymous;

    @BeforeEach
    void signUp() {
        anonymous = new PixboxClient(port);
        alice = anonymous.signedUp();
    }

    @Test
    void showsAPostInTheFeedWithThumbnailsOnceTheyAreMadeAndPendingBefore() {
        // given: two images, no worker yet
        Answer uploaded = alice.upload(PipelineContract.unique("mouse.jpg"), PipelineContract.unique("goldfish.png"));
        List<String> ids = ids(uploaded.json());

        // when
        Answer posted = alice.postJson("/api/v1/posts", "{\"caption\":\"a mouse and a fish\",\"imageIds\":" + json(ids) + "}");

        // then: it is there, saying its thumbnails are still being made
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        JsonNode first = anonymous.get("/api/v1/feed").json().get("items").get(0);
        assertThat(first.get("id")).isEqualTo(posted.json().get("id"));
        assertThat(first.get("caption").asString()).isEqualTo("a mouse and a fish");
        assertThat(first.get("thumbnailsReady").asBoolean()).isFalse();
        assertThat(first.get("images")).hasSize(2).allSatisfy(image -> assertThat(image.get("pending").asBoolean()).isTrue());

        // and when a worker has made them, the feed item carries their URLs and sizes
        try (ConfigurableApplicationContext worker = startWorker()) {
            alice.awaitJobs(uploaded.json(), PATIENCE);
        }
        JsonNode post = anonymous.get(posted.json().get("url").asString()).json();
        assertThat(post.get("thumbnailsReady").asBoolean()).isTrue();
        JsonNode mouse = post.get("images").get(0);
        assertThat(mouse.get("thumbnails").get("thumb").get("width").asInt()).isEqualTo(256);
        assertThat(mouse.get("thumbnails").get("medium").get("width").asInt()).isEqualTo(800);
        assertThat(anonymous.get(mouse.get("thumbnails").get("thumb").get("url").asString()).headers().getContentType())
                .hasToString("image/jpeg");
        JsonNode thumbnails = anonymous.get(posted.json().get("url").asString() + "/thumbnails").json();
        assertThat(thumbnails.propertyNames()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void pagesStablyWhilePostsArrive() {
        // given: five posts
        String imageId = ids(alice.upload(PipelineContract.unique("wood.webp")).json()).getFirst();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(alice, "number " + i, imageId).get("id").asString());
        }

        // when: pages of two of alice's feed, with a new post between the pages
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String username = alice.get("/api/v1/auth/me").json().get("username").asString();
        do {
            JsonNode page = anonymous.get("/api/v1/users/" + username + "/feed?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            if (seen.size() == 2) {
                post(alice, "late", imageId);
            }
        } while (cursor != null);

        // then: each of the five once, newest first, the late one not among them
        assertThat(seen).isEqualTo(posted.reversed());
    }

    @Test
    void aUsersFeedHoldsOnlyTheirPosts() {
        PixboxClient bob = anonymous.signedUp();
        post(bob, "bob's", ids(bob.upload(PipelineContract.unique("mouse.jpg")).json()).getFirst());
        String aliceName = alice.get("/api/v1/auth/me").json().get("username").asString();
        post(alice, "alice's", ids(alice.upload(PipelineContract.unique("mouse.jpg")).json()).getFirst());

        JsonNode feed = anonymous.get("/api/v1/users/" + aliceName + "/feed").json();

        assertThat(feed.get("items")).isNotEmpty().allSatisfy(item -> assertThat(item.get("author").asString()).isEqualTo(aliceName));
        assertProblem(anonymous.get("/api/v1/users/nobody-at-all/feed"), 404, "user.not_found");
    }

    @Test
    void refusesPostsThatAreEmptyTooLongTooBigOrOfAnotherUsersImages() {
        String mine = ids(alice.upload(PipelineContract.unique("mouse.jpg")).json()).getFirst();
        PixboxClient bob = anonymous.signedUp();
        String bobs = ids(bob.upload(PipelineContract.unique("mouse.jpg")).json()).getFirst();

        assertProblem(alice.postJson("/api/v1/posts", "{\"caption\":\"nothing\",\"imageIds\":[]}"), 400, "post.empty");
        assertProblem(alice.postJson("/api/v1/posts", "{\"caption\":\"" + "x".repeat(2201) + "\",\"imageIds\":[\"" + mine + "\"]}"),
                400, "post.caption_too_long");
        assertProblem(alice.postJson("/api/v1/posts", "{\"imageIds\":" + json(IntStream.range(0, 11).mapToObj(i -> mine).toList()) + "}"),
                400, "post.too_many_images");
        assertProblem(alice.postJson("/api/v1/posts", "{\"imageIds\":[\"" + mine + "\",\"" + mine + "\"]}"), 400, "post.invalid");
        assertProblem(alice.postJson("/api/v1/posts", "{\"imageIds\":[\"00000000-0000-0000-0000-000000000000\"]}"), 400,
                "post.image_not_found");
        Answer notMine = alice.postJson("/api/v1/posts", "{\"imageIds\":[\"" + bobs + "\"]}");
        assertProblem(notMine, 403, "auth.forbidden");
        assertThat(notMine.json().get("detail").asString()).contains(bobs).contains("not yours");
        assertProblem(anonymous.postJson("/api/v1/posts", "{\"imageIds\":[\"" + mine + "\"]}"), 401, "auth.required");
        assertProblem(anonymous.get("/api/v1/feed?limit=51"), 400, "request.invalid");
    }

    @Test
    void editsACaptionOnlyForItsAuthor() {
        JsonNode post = post(alice, "before", ids(alice.upload(PipelineContract.unique("mouse.jpg")).json()).getFirst());
        String url = post.get("url").asString();

        Answer edited = alice.patchJson(url, "{\"caption\":\"after\"}");

        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(anonymous.get(url).json().get("caption").asString()).isEqualTo("after");
        assertProblem(anonymous.signedUp().patchJson(url, "{\"caption\":\"vandalised\"}"), 403, "auth.forbidden");
        assertThat(anonymous.get(url).json().get("caption").asString()).isEqualTo("after");
    }

    @Test
    void deletingAPostDeletesItsImagesUnlessAnotherPostShowsThem() {
        // given: a shown in two posts, b only in the first
        List<String> ids = ids(alice.upload(PipelineContract.unique("mouse.jpg"), PipelineContract.unique("goldfish.png")).json());
        String a = ids.get(0);
        String b = ids.get(1);
        JsonNode first = post(alice, "both", a, b);
        post(alice, "a again", a);

        // when
        assertThat(alice.delete(first.get("url").asString()).status()).isEqualTo(204);

        // then
        assertProblem(anonymous.get(first.get("url").asString()), 404, "post.not_found");
        assertProblem(anonymous.get("/api/v1/images/" + b), 404, "image.not_found");
        assertThat(anonymous.get("/api/v1/images/" + a).status()).isEqualTo(200);
    }

    private ConfigurableApplicationContext startWorker() {
        return new SpringApplicationBuilder(PixboxServer.class).run("--server.port=0", "--pixbox.roles=worker",
                "--pixbox.data-dir=" + temp.resolve("data"), "--pixbox.queue.poll-interval=100ms");
    }

    private static JsonNode post(PixboxClient client, String caption, String... imageIds) {
        Answer posted = client.postJson("/api/v1/posts", "{\"caption\":\"" + caption + "\",\"imageIds\":" + json(List.of(imageIds)) + "}");
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        return posted.json();
    }

    private static List<String> ids(JsonNode uploaded) {
        List<String> ids = new ArrayList<>();
        uploaded.get("images").forEach(image -> ids.add(image.get("id").asString()));
        return ids;
    }

    private static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("code").asString()).isEqualTo(code);
    }
}
