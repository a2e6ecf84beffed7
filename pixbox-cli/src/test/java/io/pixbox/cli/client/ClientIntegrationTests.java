package io.pixbox.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.cli.Pixbox;
import io.pixbox.server.PixboxServer;
import io.pixbox.server.grpc.GrpcServerStartup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client commands end to end, as a user runs them, against a Pixbox server started in this JVM on free ports;
 * each over gRPC (the default) and over REST ({@code --rest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    private ConfigurableApplicationContext server;
    private String http;
    private String grpc;
    private Path temp;

    @BeforeAll
    void startServer() throws IOException {
        temp = Files.createTempDirectory("pixbox-client-");
        server = new SpringApplicationBuilder(PixboxServer.class).properties(
                "server.port=0", "spring.grpc.server.port=0", "pixbox.data-dir=" + temp.resolve("data"),
                "pixbox.imaging.limits.max-bytes=2MB", "pixbox.processing.concurrency=2").run();
        http = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
        grpc = "localhost:" + server.getBean(GrpcServerStartup.class).port();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "rest={0}")
    @ValueSource(booleans = {false, true})
    void uploadsADirectoryWaitsDownloadsAVariantFindsAndDeletes(boolean rest) throws Exception {
        // given: a signed-in user and a directory of photos with names no other test uses
        Path config = login(rest);
        Path photos = Files.createDirectories(temp.resolve("photos-" + UUID.randomUUID()));
        String mouse = "mouse-" + UUID.randomUUID() + ".jpg";
        Files.write(photos.resolve(mouse), unique("mouse.jpg"));
        Files.write(photos.resolve("goldfish.png"), unique("goldfish.png"));

        // when
        Run upload = pixbox(rest, config, "upload", photos.toString(), "--recipe", "fill:100:50/format:png", "--wait", "--json");

        // then: both uploaded, every job succeeded, a line of progress per file
        assertThat(upload.exit()).as(upload.err()).isZero();
        JsonNode results = upload.json();
        assertThat(results).hasSize(2);
        results.forEach(result -> {
            assertThat(result.get("imageId").isNull()).isFalse();
            result.get("jobs").forEach(job -> assertThat(job.get("state").asString()).isEqualTo("succeeded"));
        });
        assertThat(upload.err()).contains("uploaded " + photos.resolve(mouse), "uploaded " + photos.resolve("goldfish.png"),
                "2 uploaded");

        // when: found by name
        Run find = pixbox(rest, config, "find", mouse, "--json");

        // then
        assertThat(find.exit()).as(find.err()).isZero();
        JsonNode found = find.json().get(0);
        String id = found.get("id").asString();
        List<String> presets = new ArrayList<>();
        found.get("variants").forEach(v -> presets.add(v.get("preset").isNull() ? "-" : v.get("preset").asString()));
        assertThat(presets).contains("thumb", "medium", "compressed");

        // when: a variant by its recipe, and the thumbnail by its preset's name
        Path filled = temp.resolve("filled-" + rest + ".png");
        Path thumb = temp.resolve("thumb-" + rest + ".jpg");
        Run downloadFilled = pixbox(rest, config, "download", id, "--variant", "fill:100:50/format:png", "-o", filled.toString());
        Run downloadThumb = pixbox(rest, config, "download", id, "--variant", "thumb", "-o", thumb.toString());

        // then: they decode, at the size the recipe says
        assertThat(downloadFilled.exit()).as(downloadFilled.err()).isZero();
        assertThat(downloadThumb.exit()).as(downloadThumb.err()).isZero();
        BufferedImage filledImage = ImageIO.read(filled.toFile());
        assertThat(filledImage.getWidth()).isEqualTo(100);
        assertThat(filledImage.getHeight()).isEqualTo(50);
        BufferedImage thumbImage = ImageIO.read(thumb.toFile());
        assertThat(Math.max(thumbImage.getWidth(), thumbImage.getHeight())).isEqualTo(256);

        // when
        Run delete = pixbox(rest, config, "delete", id);
        Run gone = pixbox(rest, config, "find", mouse);

        // then
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(gone.exit()).isEqualTo(ClientException.NOT_FOUND);
        assertThat(pixbox(rest, config, "download", id).err()).contains("[image.not_found]");
    }

    @ParameterizedTest(name = "rest={0}")
    @ValueSource(booleans = {false, true})
    void editsAnImageAndFollowsTheJob(boolean rest) throws Exception {
        // given
        Path config = login(rest);
        Path photo = temp.resolve("wood-" + UUID.randomUUID() + ".webp");
        Files.write(photo, unique("wood.webp"));
        String id = pixbox(rest, config, "upload", photo.toString(), "--json").json().get(0).get("imageId").asString();

        // when
        Run edit = pixbox(rest, config, "edit", id, "--recipe", "grayscale/fit:32:32/format:png", "--wait", "--json");
        String job = edit.json().get("id").asString();
        Run status = pixbox(rest, config, "status", job, "--json");
        Run jobs = pixbox(rest, config, "jobs", "--json");

        // then
        assertThat(edit.exit()).as(edit.err()).isZero();
        assertThat(edit.json().get("state").asString()).isEqualTo("succeeded");
        assertThat(status.json().get("state").asString()).isEqualTo("succeeded");
        List<String> listed = new ArrayList<>();
        jobs.json().forEach(j -> listed.add(j.get("id").asString()));
        assertThat(listed).contains(job);
    }

    @ParameterizedTest(name = "rest={0}")
    @ValueSource(booleans = {false, true})
    void failsInOneLineWithTheServersCodeAndADocumentedExitStatus(boolean rest) throws Exception {
        // given
        Path config = login(rest);
        Path other = login(rest);
        Path photo = temp.resolve("mouse-" + UUID.randomUUID() + ".jpg");
        Files.write(photo, unique("mouse.jpg"));
        Path page = temp.resolve("page-" + UUID.randomUUID() + ".html");
        Files.writeString(page, "<!doctype html><p>hi");
        String id = pixbox(rest, config, "upload", photo.toString(), "--json").json().get(0).get("imageId").asString();

        // then
        assertOneLine(pixbox(rest, temp.resolve("nobody-" + UUID.randomUUID()), "jobs"), ClientException.AUTH, "[auth.required]");
        assertOneLine(pixbox(rest, config, "edit", id, "--recipe", "fit:0:400"), ClientException.FAILED, "[recipe.invalid]");
        assertOneLine(pixbox(rest, config, "edit", UUID.randomUUID().toString(), "--preset", "thumb"), ClientException.NOT_FOUND, "[image.not_found]");
        assertOneLine(pixbox(rest, config, "status", UUID.randomUUID().toString()), ClientException.NOT_FOUND, "[job.not_found]");
        assertOneLine(pixbox(rest, other, "delete", id), ClientException.AUTH, "[auth.forbidden]");
        assertOneLine(pixbox(rest, config, "download", id, "--variant", "nosuchpreset"), ClientException.FAILED, "[recipe.invalid]");
        assertOneLine(pixbox(rest, config, "download", id, "--variant", "fit:7:7"), ClientException.NOT_FOUND, "[image.not_found]");
        Run refused = pixbox(rest, config, "upload", page.toString(), photo.toString());
        assertThat(refused.exit()).isEqualTo(ClientException.FAILED);
        assertThat(refused.err()).contains("[image.unsupported_format]", "1 uploaded, 1 failed");
        Path big = temp.resolve("big-" + UUID.randomUUID() + ".jpg");
        Files.write(big, Arrays.copyOf(unique("mouse.jpg"), 3 * 1024 * 1024));
        Run tooLarge = pixbox(rest, config, "upload", big.toString());
        assertThat(tooLarge.exit()).isEqualTo(ClientException.FAILED);
        assertThat(tooLarge.err()).contains("[image.too_large]");
        assertOneLine(pixbox(rest, temp.resolve("bogus-" + UUID.randomUUID()), "login", "--token", "pbx_bogus"),
                ClientException.AUTH, "[auth.invalid_token]");
        Run unreachable = pixbox(rest, config, "jobs", "--server", "http://localhost:1", "--grpc", "localhost:1");
        assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(ClientException.UNAVAILABLE);
        assertThat(unreachable.err().lines()).hasSize(1);
        Run usage = pixbox(rest, config, "edit", id);
        assertThat(usage.exit()).isEqualTo(ClientException.USAGE);
    }

    @ParameterizedTest(name = "rest={0}")
    @ValueSource(booleans = {false, true})
    void sendsAFileAgainWhenTheLinkBreaksAndStoresItOnce(boolean rest) throws Exception {
        // given: a link that breaks the first connection 64 KiB into the upload
        Path config = login(rest);
        String name = "goldfish-" + UUID.randomUUID() + ".png";
        Path photo = temp.resolve(name);
        Files.write(photo, unique("goldfish.png"));
        int target = rest ? Integer.parseInt(http.substring(http.lastIndexOf(':') + 1))
                : Integer.parseInt(grpc.substring(grpc.lastIndexOf(':') + 1));
        try (FlakyProxy link = new FlakyProxy(target, 1, 64 * 1024)) {
            // when
            Run upload = pixbox(rest, config, "upload", photo.toString(), "--server", "http://localhost:" + link.port(),
                    "--grpc", "localhost:" + link.port());

            // then
            assertThat(upload.exit()).as(upload.err()).isZero();
            assertThat(link.breaksLeft()).isZero();
            assertThat(upload.err()).contains("pixbox: retrying " + photo, "uploaded " + photo);
        }
        Run find = pixbox(rest, config, "find", name, "--json");
        assertThat(find.json()).as("the broken attempt stored nothing").hasSize(1);
    }

    @Test
    void retriesAnUploadWhoseAnswerWasLostWithoutMakingASecondImage() throws Exception {
        // given: a link that delivers the first upload whole and loses the server's answer to it
        Path config = login(true);
        String name = "mouse-" + UUID.randomUUID() + ".jpg";
        Path photo = temp.resolve(name);
        Files.write(photo, unique("mouse.jpg"));
        int target = Integer.parseInt(http.substring(http.lastIndexOf(':') + 1));
        try (FlakyProxy link = FlakyProxy.losingAnswers(target, 1)) {
            // when
            Run upload = pixbox(true, config, "upload", photo.toString(), "--server", "http://localhost:" + link.port(),
                    "--grpc", grpc);

            // then: sent again under the same key, and answered the image the first attempt made
            assertThat(upload.exit()).as(upload.err()).isZero();
            assertThat(link.breaksLeft()).isZero();
            assertThat(upload.err()).contains("pixbox: retrying " + photo, "(by an earlier attempt whose answer was lost)");
        }
        Run find = pixbox(true, config, "find", name, "--json");
        assertThat(find.json()).as("one image for both attempts").hasSize(1);
    }

    @Test
    void signsInOverGrpcAloneWhenOnlyTheGrpcPortIsReachable() throws Exception {
        // given: an account, and a REST address where nothing listens
        String name = register();
        Path config = temp.resolve("config-" + name);
        String nowhere = "http://127.0.0.1:9";

        // when: the wrong password, then the right one
        Run wrong = withStdin("not the password\n", () -> pixbox(false, config, "login", "--username", name,
                "--server", nowhere, "--grpc", grpc));
        Run login = withStdin(PASSWORD + "\n", () -> pixbox(false, config, "login", "--username", name,
                "--server", nowhere, "--grpc", grpc));

        // then
        assertOneLine(wrong, ClientException.AUTH, "auth.bad_credentials");
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(Files.readString(config.resolve("login.properties"))).contains("token=pbx_");
        Run jobs = pixbox(false, config, "jobs", "--server", nowhere, "--grpc", grpc, "--json");
        assertThat(jobs.exit()).as(jobs.err()).isZero();
    }

    @Test
    void storesTheLoginReadableByItsOwnerAlone() throws Exception {
        // when
        Path config = login(false);

        // then
        Path file = config.resolve("login.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("token=pbx_", "grpc=" + grpc.replace(":", "\\:"));
    }

    @Test
    void showsExamplesAndTheExitStatusesInEveryClientCommandsHelp() {
        for (String command : List.of("login", "upload", "edit", "jobs", "status", "download", "find", "delete")) {
            Run help = pixbox(false, temp, command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Examples:", "pixbox " + command, "Exit status:", "--json", "--rest");
        }
    }

    /** Registers a new account and logs in as it with the CLI (password on standard input), over the protocol. */
    private Path login(boolean rest) throws Exception {
        String name = register();
        Path config = temp.resolve("config-" + name);
        Run login = withStdin(PASSWORD + "\n", () -> pixbox(rest, config, "login", "--username", name));
        assertThat(login.exit()).as(login.err()).isZero();
        return config;
    }

    /** Registers a new account over REST and answers its username. */
    private String register() throws Exception {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return name;
    }

    private static Run withStdin(String input, java.util.function.Supplier<Run> run) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(out);
        }
    }

    private Run pixbox(boolean rest, Path config, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.contains("--help")) {
            if (!all.contains("--server")) {
                all.addAll(List.of("--server", http, "--grpc", grpc));
            }
            all.addAll(List.of("--config", config.toString()));
            if (rest) {
                all.add("--rest");
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Pixbox.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertOneLine(Run run, int exit, String code) {
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("pixbox: ").contains(code);
    }

    private static byte[] unique(String photo) throws IOException, URISyntaxException {
        byte[] bytes = Files.readAllBytes(Path.of(ClientIntegrationTests.class.getResource("/photos/" + photo).toURI()));
        byte[] trailer = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        byte[] distinct = Arrays.copyOf(bytes, bytes.length + trailer.length);
        System.arraycopy(trailer, 0, distinct, bytes.length, trailer.length);
        return distinct;
    }
}
