package io.pixbox.server.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Browser sign-in through GitHub and an OpenID Connect provider, both played by WireMock, hop by hop: Pixbox sends
 * the browser to the provider, the test plays the user at the consent page by following the redirect back with a
 * code (or a refusal) and the state, and Pixbox answers with its tokens, or an error code, in the fragment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.roles=api",
        "pixbox.account.oauth.success-url=/signed-in",
        "pixbox.account.oauth.failure-url=/sign-in-failed",
        "pixbox.account.oauth.hand-off=tokens",
        "spring.security.oauth2.client.registration.github.client-id=pixbox-github",
        "spring.security.oauth2.client.registration.github.client-secret=github-secret",
        "spring.security.oauth2.client.registration.github.scope=read:user,user:email",
        "spring.security.oauth2.client.registration.acme.client-id=pixbox-acme",
        "spring.security.oauth2.client.registration.acme.client-secret=acme-secret",
        "spring.security.oauth2.client.registration.acme.client-name=Acme ID",
        "spring.security.oauth2.client.registration.acme.scope=openid,profile,email"})
@ExtendWith(OutputCaptureExtension.class)
class OAuthSignInIntegrationTests {

    private static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());
    private static final RSAKey SIGNING_KEY = rsaKey();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws IOException {
        // Up before Spring starts: Boot reads the OpenID Connect discovery document at start-up.
        if (!PROVIDER.isRunning()) {
            PROVIDER.start();
            stubProviders();
        }
        String github = PROVIDER.baseUrl() + "/github";
        registry.add("spring.security.oauth2.client.provider.github.authorization-uri", () -> github + "/login/oauth/authorize");
        registry.add("spring.security.oauth2.client.provider.github.token-uri", () -> github + "/login/oauth/access_token");
        registry.add("spring.security.oauth2.client.provider.github.user-info-uri", () -> github + "/user");
        registry.add("spring.security.oauth2.client.provider.acme.issuer-uri", OAuthSignInIntegrationTests::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
        PROVIDER.resetRequests();
    }

    @Test
    void firstGitHubSignInCreatesAnAccountWhoseAccessTokenWorksOnTheApi(CapturedOutput output) {
        // given
        gitHubUser("first", 1001, "OctoCat", "read:user,user:email", """
                [{"email":"octo-public@example.com","primary":false,"verified":true},
                 {"email":"Octo@Example.com","primary":true,"verified":true,"visibility":"private"}]""");
        long before = accounts.count();

        // when
        Map<String, String> authorize = startSignIn("github");
        HttpResponse<String> back = browser.get(authorize.get("redirect_uri") + "?code=code-first&state=" + authorize.get("state"));

        // then: Pixbox asked for what was configured, and sent the browser to the success page with its tokens
        assertThat(authorize).containsEntry("client_id", "pixbox-github").containsEntry("scope", "read:user user:email")
                .containsEntry("redirect_uri", "http://localhost:" + port + "/login/oauth2/code/github");
        Map<String, String> session = landing(back, "/signed-in");
        assertThat(session).containsKeys("accessToken", "refreshToken").containsEntry("expiresIn", "900")
                .containsEntry("tokenType", "Bearer");
        JsonNode me = me(session.get("accessToken"));
        assertThat(me.get("username").asString()).isEqualTo("octocat");
        assertThat(me.get("email").asString()).isEqualTo("octo@example.com");
        assertThat(accounts.count()).isEqualTo(before + 1);
        assertThat(accounts.findByIdentity("github", "1001")).map(Account::username).hasValue("octocat");
        assertThat(output).doesNotContain(session.get("accessToken")).doesNotContain(session.get("refreshToken"));
    }

    @Test
    void signingInAgainWithGitHubReusesTheAccount() {
        // given
        gitHubUser("again-1", 1002, "hubber", "read:user,user:email", "[]");
        String first = me(landing(signInWithGitHub("again-1"), "/signed-in").get("accessToken")).get("id").asString();
        long accountsAfterFirst = accounts.count();
        gitHubUser("again-2", 1002, "hubber", "read:user,user:email", "[]");

        // when
        browser = new Browser();
        Map<String, String> second = landing(signInWithGitHub("again-2"), "/signed-in");

        // then
        assertThat(me(second.get("accessToken")).get("id").asString()).isEqualTo(first);
        assertThat(accounts.count()).isEqualTo(accountsAfterFirst);
    }

    @Test
    void withoutTheEmailScopeGitHubGivesNoAddressAndTheAccountGetsAPlaceholder() {
        // given: GitHub granted only read:user, and shows a public profile address, which proves nothing
        gitHubUser("no-email", 1003, "quiet", "read:user", "[]");

        // when
        Map<String, String> session = landing(signInWithGitHub("no-email"), "/signed-in");

        // then
        assertThat(me(session.get("accessToken")).get("email").asString()).isEqualTo("1003@github.invalid");
        PROVIDER.verify(0, getRequestedFor(urlPathEqualTo("/github/user/emails")));
    }

    @Test
    void openIdConnectSignInWithAVerifiedEmailLinksToThePasswordAccountThatHasIt() {
        // given
        Answer registered = register("carol", "carol@example.com");

        // when
        Map<String, String> session = landing(signInWithAcme("carol-sub", "Carol@Example.com", true, "carol.acme"), "/signed-in");

        // then
        JsonNode me = me(session.get("accessToken"));
        assertThat(me.get("id").asString()).isEqualTo(registered.json().get("id").asString());
        assertThat(me.get("username").asString()).isEqualTo("carol");
        assertThat(accounts.findByIdentity("acme", "carol-sub")).map(Account::username).hasValue("carol");
    }

    @Test
    void openIdConnectSignInWithAnUnverifiedEmailDoesNotLinkButMakesItsOwnAccount() {
        // given
        Answer registered = register("dave", "dave@example.com");
        long before = accounts.count();

        // when
        Map<String, String> session = landing(signInWithAcme("dave-sub", "dave@example.com", false, "dave"), "/signed-in");

        // then
        JsonNode me = me(session.get("accessToken"));
        assertThat(me.get("id").asString()).isNotEqualTo(registered.json().get("id").asString());
        assertThat(me.get("username").asString()).isEqualTo("dave-2");
        assertThat(me.get("email").asString()).isEqualTo("dave-sub@acme.invalid");
        assertThat(accounts.count()).isEqualTo(before + 1);
    }

    @Test
    void deniedConsentSendsTheBrowserToTheFailurePageAndCreatesNoAccount(CapturedOutput output) {
        // given
        long before = accounts.count();
        Map<String, String> authorize = startSignIn("github");

        // when: the user clicks "Cancel" at GitHub
        HttpResponse<String> back = browser.get(authorize.get("redirect_uri")
                + "?error=access_denied&error_description=The+user+has+denied+your+application+access.&state="
                + authorize.get("state"));

        // then
        assertFailure(back, "oauth.denied", "You did not allow Pixbox");
        assertThat(accounts.count()).isEqualTo(before);
        PROVIDER.verify(0, postRequestedFor(urlPathEqualTo("/github/login/oauth/access_token")));
        assertThat(output).contains("WARN").contains("oauth.denied").contains("access_denied");
    }

    @Test
    void aCallbackWithAWrongOrMissingStateOrFromAnotherBrowserIsRefusedAsBadState() {
        // given
        gitHubUser("state", 1004, "stateful", "read:user,user:email", "[]");
        Map<String, String> authorize = startSignIn("github");
        String callback = authorize.get("redirect_uri") + "?code=code-state";

        // when, then
        assertFailure(browser.get(callback + "&state=forged"), "oauth.bad_state", "not started in this browser");
        assertFailure(browser.get(callback), "oauth.bad_state", "not started in this browser");
        // a victim's browser lured to an attacker's callback: the state is real, but was issued to another session
        Map<String, String> attackers = startSignIn("github");
        assertFailure(new Browser().get(callback + "&state=" + attackers.get("state")), "oauth.bad_state", "start it again");
        PROVIDER.verify(0, postRequestedFor(urlPathEqualTo("/github/login/oauth/access_token")));
    }

    /** Ways a token endpoint can fail a sign-in. */
    enum Outage {
        SERVER_ERROR(aResponse().withStatus(500).withBody("Internal Server Error")),
        CONNECTION_DROPPED(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        GARBAGE(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops</html>"));

        final ResponseDefinitionBuilder answer;

        Outage(ResponseDefinitionBuilder answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void aTokenEndpointThatIsDownOrAnswersGarbageSendsTheBrowserToTheFailurePage(Outage outage) {
        // given
        String code = "code-outage-" + outage;
        PROVIDER.stubFor(post("/github/login/oauth/access_token").withRequestBody(containing("code=" + code))
                .willReturn(outage.answer));
        long before = accounts.count();
        Map<String, String> authorize = startSignIn("github");

        // when
        HttpResponse<String> back = browser.get(authorize.get("redirect_uri") + "?code=" + code + "&state=" + authorize.get("state"));

        // then
        assertFailure(back, "oauth.provider_unavailable", "try again later");
        assertThat(accounts.count()).isEqualTo(before);
    }

    @Test
    void aTokenEndpointThatRejectsTheCodeFailsTheSignIn() {
        // given
        PROVIDER.stubFor(post("/github/login/oauth/access_token").withRequestBody(containing("code=code-spent"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired.\"}")));
        Map<String, String> authorize = startSignIn("github");

        // when
        HttpResponse<String> back = browser.get(authorize.get("redirect_uri") + "?code=code-spent&state=" + authorize.get("state"));

        // then
        assertFailure(back, "oauth.failed", "Signing in through the provider failed");
    }

    @Test
    void listsTheProvidersConfigured() {
        // when
        Answer providers = new PixboxClient(port).get("/api/v1/auth/providers");

        // then
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.json().toString()).isEqualTo("""
                [{"id":"acme","name":"Acme ID","url":"/oauth2/authorization/acme"},\
                {"id":"github","name":"GitHub","url":"/oauth2/authorization/github"}]""");
    }

    // --- the user's side: a browser that keeps cookies and follows no redirect by itself

    /** Starts a sign-in at Pixbox, follows it to the provider's consent page, and answers what Pixbox asked there. */
    private Map<String, String> startSignIn(String registration) {
        HttpResponse<String> start = browser.get("http://localhost:" + port + "/oauth2/authorization/" + registration);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI authorize = location(start);
        assertThat(authorize.toString()).startsWith(PROVIDER.baseUrl());
        assertThat(browser.get(authorize.toString()).body()).contains("Authorize Pixbox?");
        return query(authorize.getRawQuery());
    }

    private HttpResponse<String> signInWithGitHub(String code) {
        Map<String, String> authorize = startSignIn("github");
        return browser.get(authorize.get("redirect_uri") + "?code=code-" + code + "&state=" + authorize.get("state"));
    }

    /** A sign-in at the OpenID Connect provider, whose ID token carries the nonce Pixbox sent and these claims. */
    private HttpResponse<String> signInWithAcme(String subject, String email, boolean verified, String username) {
        Map<String, String> authorize = startSignIn("acme");
        assertThat(authorize).containsKey("nonce").containsEntry("scope", "openid profile email");
        String code = "code-" + subject;
        PROVIDER.stubFor(post("/oidc/token").withRequestBody(containing("code=" + code)).willReturn(okJson("""
                {"access_token":"at-%s","token_type":"Bearer","expires_in":300,"scope":"openid profile email",
                 "id_token":"%s"}""".formatted(subject, idToken(subject, authorize.get("nonce"), email, verified, username)))));
        return browser.get(authorize.get("redirect_uri") + "?code=" + code + "&state=" + authorize.get("state"));
    }

    /** Asserts a redirect to {@code page}, and answers the fragment's parameters. */
    private static Map<String, String> landing(HttpResponse<String> response, String page) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI location = location(response);
        assertThat(location.getPath()).isEqualTo(page);
        assertThat(location.getRawQuery()).as("nothing in the query, which servers log").isNull();
        return query(location.getRawFragment());
    }

    private static void assertFailure(HttpResponse<String> response, String code, String message) {
        Map<String, String> fragment = landing(response, "/sign-in-failed");
        assertThat(fragment.get("error")).isEqualTo(code);
        assertThat(fragment.get("message")).contains(message);
        assertThat(fragment).doesNotContainKeys("accessToken", "refreshToken");
    }

    private JsonNode me(String accessToken) {
        Answer me = new PixboxClient(port).withToken(accessToken).get("/api/v1/auth/me");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        return me.json();
    }

    private Answer register(String username, String email) {
        Answer registered = new PixboxClient(port).postJson("/api/v1/auth/register",
                "{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return registered;
    }

    private static URI location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(String encoded) {
        return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }

    /** A browser: keeps cookies, follows no redirect, so that each hop is seen. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        HttpResponse<String> get(String uri) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // --- the providers

    private static String issuer() {
        return PROVIDER.baseUrl() + "/oidc";
    }

    /** The consent pages, and the OpenID Connect provider's discovery document and keys. */
    private static void stubProviders() {
        PROVIDER.stubFor(get(urlPathEqualTo("/github/login/oauth/authorize")).willReturn(ok("<h1>Authorize Pixbox?</h1>")));
        PROVIDER.stubFor(get(urlPathEqualTo("/oidc/authorize")).willReturn(ok("<h1>Authorize Pixbox?</h1>")));
        PROVIDER.stubFor(get("/oidc/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","profile","email"]}"""
                .formatted(issuer()))));
        PROVIDER.stubFor(get("/oidc/jwks").willReturn(okJson(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
    }

    /** GitHub's answers for one sign-in: the token for {@code code-<code>}, the user, and their addresses. */
    private static void gitHubUser(String code, long id, String login, String scope, String emails) {
        String token = "gho_" + code;
        PROVIDER.stubFor(post("/github/login/oauth/access_token").withRequestBody(containing("code=code-" + code))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"" + scope + "\"}")));
        PROVIDER.stubFor(get("/github/user").withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(
                "{\"id\":" + id + ",\"login\":\"" + login + "\",\"email\":\"" + login + "-public@example.com\"}")));
        PROVIDER.stubFor(get("/github/user/emails").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(emails)));
    }

    private static String idToken(String subject, String nonce, String email, boolean verified, String username) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience("pixbox-acme")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", nonce)
                .claim("email", email).claim("email_verified", verified).claim("preferred_username", username).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(SIGNING_KEY.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(SIGNING_KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("acme-test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
