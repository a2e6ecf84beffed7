package io.pixbox.server.image.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.server.pipeline.PixboxClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The editor's preview over HTTP, as the page's script asks for it on a signed-in session: with one preview allowed
 * at a time and no waiting for a turn, a burst of previews is answered partly with pictures and partly with the
 * {@code preview.busy} problem, and the server is free again afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.imaging.previews.at-once=1",
        "pixbox.imaging.previews.max-wait=0s"})
class EditorPreviewIntegrationTests {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int BURST = 8;

    @LocalServerPort
    int port;

    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void refusesPreviewsBeyondTheAllowedNumberAtOnceAsBusyAndRendersThemAgainAfterwards() throws Exception {
        // given: a signed-in session whose owner has a photo
        String name = register();
        String imageId = uploadAs(name, "goldfish.png");
        String preview = "/images/" + imageId + "/preview?blur=3&sharpen=true&rotate=90&format=webp&quality=80";

        // when: more previews than may render at once, all at the same moment
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, BURST)
                .mapToObj(i -> browser.sendAsync(script(preview).build(), HttpResponse.BodyHandlers.ofString())).toList();
        List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();

        // then: each is a picture or the busy problem, and both happen
        List<HttpResponse<String>> busy = answers.stream().filter(answer -> answer.statusCode() == 503).toList();
        List<HttpResponse<String>> rendered = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        assertThat(busy.size() + rendered.size()).as("statuses %s", answers.stream().map(HttpResponse::statusCode).toList())
                .isEqualTo(BURST);
        assertThat(busy).isNotEmpty();
        assertThat(rendered).isNotEmpty();
        assertThat(rendered).allSatisfy(answer -> assertThat(answer.body()).contains("data:image/webp;base64,"));
        assertThat(busy).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(answer.body()).contains("\"code\":\"preview.busy\"").contains("try again in a moment");
        });

        // then: once the burst is over, a preview renders again
        HttpResponse<String> after = browser.send(script(preview).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("data:image/webp;base64,");
    }

    /** Registers through the site's form, which signs this client's session in; answers the name. */
    private String register() throws IOException, InterruptedException {
        String name = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        String form = browser.send(HttpRequest.newBuilder(url("/register")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(form);
        assertThat(token.find()).as("the register form's CSRF token").isTrue();
        String body = "username=" + name + "&email=" + name + "%40example.com&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> registered = browser.send(HttpRequest.newBuilder(url("/register"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/"));
        return name;
    }

    /** Uploads the photo through the API as the account {@code name}; answers the image's id. */
    private String uploadAs(String name, String photo) throws URISyntaxException {
        PixboxClient anonymous = new PixboxClient(port);
        PixboxClient.Answer session = anonymous.postJson("/api/v1/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        PixboxClient owner = anonymous.withToken(session.json().get("accessToken").asString());
        Path file = Paths.get(EditorPreviewIntegrationTests.class.getResource("/photos/" + photo).toURI());
        PixboxClient.Answer uploaded = owner.upload(PixboxClient.Part.of(file));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        return uploaded.json().get("images").get(0).get("id").asString();
    }

    /** A request as the editor's script (htmx) sends it. */
    private HttpRequest.Builder script(String path) {
        return HttpRequest.newBuilder(url(path)).header("HX-Request", "true").header("Accept", "*/*");
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
