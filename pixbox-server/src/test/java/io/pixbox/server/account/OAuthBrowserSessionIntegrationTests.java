package io.pixbox.server.account;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in to the web pages with GitHub (played by WireMock): by default the browser comes back signed in to a
 * session under a new id, with no tokens anywhere in the URL; a failure lands on the sign-in page with its code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.roles=api",
        "spring.security.oauth2.client.registration.github.client-id=pixbox-github",
        "spring.security.oauth2.client.registration.github.client-secret=github-secret",
        "spring.security.oauth2.client.registration.github.scope=read:user,user:email"})
class OAuthBrowserSessionIntegrationTests {

    private static final WireMockServer GITHUB = new WireMockServer(options().dynamicPort());

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) throws IOException {
        if (!GITHUB.isRunning()) {
            GITHUB.start();
            GITHUB.stubFor(get(urlPathEqualTo("/login/oauth/authorize")).willReturn(ok("<h1>Authorize Pixbox?</h1>")));
            GITHUB.stubFor(post("/login/oauth/access_token").withRequestBody(containing("code=code-octo"))
                    .willReturn(okJson("{\"access_token\":\"gho_octo\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}")));
            GITHUB.stubFor(get("/user").withHeader("Authorization", equalTo("Bearer gho_octo"))
                    .willReturn(okJson("{\"id\":4242,\"login\":\"Octo-Web\",\"email\":null}")));
            GITHUB.stubFor(get("/user/emails").withHeader("Authorization", equalTo("Bearer gho_octo"))
                    .willReturn(okJson("[{\"email\":\"octo-web@example.com\",\"primary\":true,\"verified\":true}]")));
        }
        registry.add("spring.security.oauth2.client.provider.github.authorization-uri", () -> GITHUB.baseUrl() + "/login/oauth/authorize");
        registry.add("spring.security.oauth2.client.provider.github.token-uri", () -> GITHUB.baseUrl() + "/login/oauth/access_token");
        registry.add("spring.security.oauth2.client.provider.github.user-info-uri", () -> GITHUB.baseUrl() + "/user");
    }

    @AfterAll
    static void stopProvider() {
        GITHUB.stop();
    }

    @LocalServerPort
    int port;

    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();

    @Test
    void signsTheBrowserInToASessionUnderANewIdWithNoTokensInTheUrl() {
        // given: the sign-in page offers GitHub
        assertThat(visit("/signin").body()).contains("href=\"/oauth2/authorization/github\"", "Sign in with GitHub");

        // when: the browser goes to GitHub and comes back with a code
        HttpResponse<String> start = visit("/oauth2/authorization/github");
        Map<String, String> authorize = query(URI.create(start.headers().firstValue("Location").orElseThrow()).getRawQuery());
        String roundTripSession = session();
        HttpResponse<String> back = visit("/login/oauth2/code/github?code=code-octo&state=" + authorize.get("state"));

        // then: sent to the front page, plainly, under a session id it did not have before
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI landing = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(landing.getPath()).isEqualTo("/");
        assertThat(landing.getRawFragment()).isNull();
        assertThat(landing.getRawQuery()).isNull();
        assertThat(session()).isNotNull().isNotEqualTo(roundTripSession);
        assertThat(back.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("pixbox_session=").contains("HttpOnly", "SameSite=Lax"));

        // and: the pages know who it is; the API, which reads no session, does not
        assertThat(visit("/").body()).contains("href=\"/users/octo-web\"", "Sign out");
        assertThat(visit("/api/v1/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aFailedSignInLandsOnTheSignInPageWithItsCode() {
        // given
        HttpResponse<String> start = visit("/oauth2/authorization/github");
        assertThat(start.statusCode()).isEqualTo(302);

        // when: the user declines at GitHub
        HttpResponse<String> back = visit("/login/oauth2/code/github?error=access_denied&state=whatever");

        // then
        URI landing = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(landing.getPath()).isEqualTo("/signin");
        assertThat(landing.getRawFragment()).startsWith("error=oauth.");
    }

    private String session() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("pixbox_session"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> visit(String path) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> query(String encoded) {
        return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
