package io.pixbox.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.pipeline.PixboxClient.Answer;
import io.pixbox.server.pipeline.PixboxClient.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Registration, password sign-in, rotating refresh tokens, personal API tokens, throttling and token checks, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.roles=api", "pixbox.account.throttle.per-account=3", "pixbox.account.throttle.per-address=1000",
        "pixbox.account.admins=the-boss"})
class AccountIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path temp;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("pixbox.data-dir", () -> temp.resolve("data").toString());
    }

    @LocalServerPort
    int port;

    PixboxClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = new PixboxClient(port);
    }

    @Test
    void registersSignsInAndKnowsWhoIsSignedIn() {
        // given
        String name = uniqueName();

        // when
        Answer registered = register(name, name + "@Example.com", PASSWORD);
        Answer session = login(name, PASSWORD);

        // then
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.json().get("email").asString()).isEqualTo(name + "@example.com");
        assertThat(registered.json().has("password")).isFalse();
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(session.json().get("expiresIn").asLong()).isEqualTo(900);
        Answer me = anonymous.withToken(session.json().get("accessToken").asString()).get("/api/v1/auth/me");
        assertThat(me.json().get("username").asString()).isEqualTo(name);
    }

    @Test
    void makesTheConfiguredUsernamesAdminsAndOthersUsers() {
        // given: some account has registered first, so being first does not make an admin here
        register(uniqueName(), uniqueName() + "@example.com", PASSWORD);

        // when
        Answer boss = register("the-boss", "boss@example.com", PASSWORD);
        Answer user = register(uniqueName(), uniqueName() + "@example.com", PASSWORD);

        // then
        assertThat(boss.json().get("role").asString()).isEqualTo("admin");
        assertThat(user.json().get("role").asString()).isEqualTo("user");
    }

    @Test
    void storesPasswordsOnlyAsArgon2idHashes() {
        String name = uniqueName();
        register(name, name + "@example.com", PASSWORD);

        String hash = jdbcHash(name);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void refusesWeakPasswordsSayingWhy() {
        String name = uniqueName();
        assertRefused(register(name, name + "@example.com", "short"), 400, "account.weak_password", "at least 10 characters");
        assertRefused(register(name, name + "@example.com", "Password123"), 400, "account.weak_password", "most common");
        assertRefused(register(name, name + "@example.com", name + "-secret!"), 400, "account.weak_password", "username");
        assertRefused(register(name, name + "@example.com", "aaaaaaaaaaaa"), 400, "account.weak_password", "4 different");
        assertRefused(register(name, name + "@example.com", "x".repeat(60) + "y".repeat(60) + "abcdefghij"), 400,
                "account.weak_password", "at most 128");
    }

    @Test
    void refusesBadNamesAndAddressesAndTakenOnes() {
        String name = uniqueName();
        assertRefused(register("a", "a@example.com", PASSWORD), 400, "account.invalid", "username");
        assertRefused(register("Has Space", "b@example.com", PASSWORD), 400, "account.invalid", "username");
        assertRefused(register(name, "not-an-address", PASSWORD), 400, "account.invalid", "email");
        assertThat(register(name, name + "@example.com", PASSWORD).status()).isEqualTo(201);
        assertRefused(register(name, "other-" + name + "@example.com", PASSWORD), 409, "account.taken", "already registered");
        assertRefused(register("other-" + name, name + "@example.com", PASSWORD), 409, "account.taken", "already registered");
        assertRefused(register("local", "local2@example.com", PASSWORD), 409, "account.taken", "already registered");
    }

    @Test
    void answersAWrongPasswordAndAnUnknownAccountAlike() {
        String name = uniqueName();
        register(name, name + "@example.com", PASSWORD);

        Answer wrongPassword = login(name, "not the password at all");
        Answer unknownAccount = login("nobody-" + name, "not the password at all");

        assertRefused(wrongPassword, 401, "auth.bad_credentials", "username or password is wrong");
        assertThat(unknownAccount.status()).isEqualTo(401);
        assertThat(unknownAccount.json().get("detail")).isEqualTo(wrongPassword.json().get("detail"));
    }

    @Test
    void throttlesAnAccountAfterRepeatedFailuresEvenForTheRightPassword() {
        // given: the limit here is 3 failures per account
        String name = uniqueName();
        register(name, name + "@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(login(name, "wrong guess " + i).status()).isEqualTo(401);
        }

        // when
        Answer throttled = login(name, PASSWORD);

        // then
        assertRefused(throttled, 429, "auth.throttled", "too many failed sign-ins");
        assertThat(Long.parseLong(throttled.headers().getFirst("Retry-After"))).isBetween(1L, 900L);
        assertThat(login(uniqueName(), "an unknown account is throttled on its own").status()).isEqualTo(401);
    }

    @Test
    void rotatesRefreshTokensAndRevokesTheFamilyWhenOneIsReused() {
        // given
        String name = uniqueName();
        register(name, name + "@example.com", PASSWORD);
        String first = login(name, PASSWORD).json().get("refreshToken").asString();

        // when
        Answer refreshed = refresh(first);
        String second = refreshed.json().get("refreshToken").asString();

        // then
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(second).isNotEqualTo(first);
        assertThat(anonymous.withToken(refreshed.json().get("accessToken").asString()).get("/api/v1/auth/me").status())
                .isEqualTo(200);

        // and when the first is presented again, as a thief would, the whole family is gone
        assertRefused(refresh(first), 401, "auth.refresh_reused", "revoked");
        assertRefused(refresh(second), 401, "auth.invalid_token", "sign in again");
    }

    @Test
    void signingOutRevokesTheRefreshToken() {
        String name = uniqueName();
        register(name, name + "@example.com", PASSWORD);
        String token = login(name, PASSWORD).json().get("refreshToken").asString();

        assertThat(anonymous.postJson("/api/v1/auth/logout", "{\"refreshToken\":\"" + token + "\"}").status()).isEqualTo(204);

        assertRefused(refresh(token), 401, "auth.invalid_token", "not valid");
        assertRefused(refresh("made-up"), 401, "auth.invalid_token", "not valid");
    }

    @Test
    void refusesAccessTokensThatAreForgedExpiredUnsignedOrGarbage() throws Exception {
        // given
        String name = uniqueName();
        String id = register(name, name + "@example.com", PASSWORD).json().get("id").asString();
        byte[] key = Base64.getDecoder().decode(Files.readString(temp.resolve("data/jwt-secret")).strip());
        byte[] otherKey = "a key that is not the server's key, 32+ bytes long".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();

        // when, then
        assertThat(me(jwt(key, id, now.plusSeconds(600))).status()).as("a good token").isEqualTo(200);
        assertRefused(me(jwt(otherKey, id, now.plusSeconds(600))), 401, "auth.invalid_token", "not valid");
        assertRefused(me(jwt(key, id, now.minusSeconds(120))), 401, "auth.invalid_token", "expired");
        assertRefused(me(unsigned(id, now.plusSeconds(600))), 401, "auth.invalid_token", "not valid");
        assertRefused(me("garbage"), 401, "auth.invalid_token", "not valid");
        assertRefused(me("pbx_not-a-real-token"), 401, "auth.invalid_token", "not valid");
    }

    @Test
    void personalApiTokensWorkUntilRevokedAndAreShownOnlyOnce() {
        // given
        PixboxClient user = anonymous.signedUp();
        Answer created = user.postJson("/api/v1/tokens", "{\"name\":\"laptop script\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        String id = created.json().get("id").asString();
        assertThat(secret).startsWith("pbx_");

        // when
        PixboxClient script = anonymous.withToken(secret);
        Answer uploaded = script.upload(Part.of(io.pixbox.server.pipeline.PipelineContract.photo("mouse.jpg")));

        // then
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        JsonNode listed = user.get("/api/v1/tokens").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asString()).isEqualTo("laptop script");
        assertThat(listed.get(0).has("token")).isFalse();
        assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();

        // and when it is revoked it no longer works
        assertThat(user.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertRefused(script.get("/api/v1/auth/me"), 401, "auth.invalid_token", "revoked");
        assertRefused(user.delete("/api/v1/tokens/" + id), 404, "token.not_found", "no token");
        assertRefused(user.postJson("/api/v1/tokens", "{\"name\":\"\"}"), 400, "token.invalid", "name");
    }

    @Test
    void everyWriteNeedsATokenWhileReadingImagesDoesNot() {
        assertRefused(anonymous.upload(Part.of(io.pixbox.server.pipeline.PipelineContract.photo("mouse.jpg"))), 401,
                "auth.required", "sign in");
        assertThat(anonymous.get("/api/v1/images").status()).isEqualTo(200);
        assertRefused(anonymous.get("/api/v1/auth/me"), 401, "auth.required", "sign in");
        assertThat(anonymous.get("/api/v1/auth/me").headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void withNoProviderConfiguredListsNoneAndOffersNoBrowserSignIn() {
        // when
        Answer providers = anonymous.get("/api/v1/auth/providers");
        Answer start = anonymous.get("/oauth2/authorization/github");

        // then
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.json().isArray()).isTrue();
        assertThat(providers.json().isEmpty()).isTrue();
        assertThat(start.status()).isEqualTo(404);
    }

    private Answer register(String username, String email, String password) {
        return anonymous.postJson("/api/v1/auth/register",
                "{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private Answer login(String username, String password) {
        return anonymous.postJson("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private Answer refresh(String token) {
        return anonymous.postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private Answer me(String token) {
        return anonymous.withToken(token).get("/api/v1/auth/me");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private String jdbcHash(String name) {
        return jdbc.sql("SELECT password_hash FROM accounts WHERE username = ?").param(name).query(String.class).single();
    }

    private static String jwt(byte[] key, String subject, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, expires));
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    /** A token with {@code alg: none}: a header and claims, no signature. */
    private static String unsigned(String subject, Instant expires) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims(subject, expires).toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static JWTClaimsSet claims(String subject, Instant expires) {
        return new JWTClaimsSet.Builder().issuer("pixbox").subject(subject).claim("preferred_username", "x")
                .claim("roles", List.of("ADMIN")).issueTime(Date.from(expires.minusSeconds(900)))
                .expirationTime(Date.from(expires)).build();
    }

    private static void assertRefused(Answer answer, int status, String code, String detail) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.json().get("code").asString()).isEqualTo(code);
        assertThat(answer.json().get("detail").asString()).contains(detail);
    }

    private static String uniqueName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }
}
