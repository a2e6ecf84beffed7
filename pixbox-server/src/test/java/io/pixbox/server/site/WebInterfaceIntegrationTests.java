package io.pixbox.server.site;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.RequestOptions;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Images;
import io.pixbox.server.pipeline.PixboxClient;
import io.pixbox.server.storage.ObjectStores;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web pages in a real browser (Debian's Chromium, driven by Playwright) against the service started here on the
 * embedded defaults: registering, uploading real photos and watching them finish, the feed, an image with its
 * variants, the editor and its comparison, failed jobs, refusals, and a phone's width. Every page is photographed
 * into {@code target/screenshots}, and no page may log an error to the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pixbox.processing.concurrency=2",
        "pixbox.imaging.limits.max-bytes=4MB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebInterfaceIntegrationTests {

    private static final String PASSWORD = "correct horse battery";
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext spring;

    @Autowired
    Images images;

    @Autowired
    ObjectStores stores;

    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    /** Console errors and uncaught exceptions of every page of the test, with where they happened. */
    final List<String> consoleErrors = new ArrayList<>();
    /** Console errors a test expects, such as the browser's note of a refused upload's status. */
    final List<Pattern> expectedErrors = new ArrayList<>();
    String testName;

    @BeforeAll
    void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        // Thumbnails and jobs take a few seconds on a busy machine: every assertion may wait that long.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(20_000);
        page = watched(context.newPage());
    }

    @AfterEach
    void closePage() {
        context.close();
        List<String> unexpected = consoleErrors.stream()
                .filter(error -> expectedErrors.stream().noneMatch(expected -> expected.matcher(error).find()))
                .toList();
        consoleErrors.clear();
        expectedErrors.clear();
        assertThat(unexpected).as("console errors").isEmpty();
    }

    @Test
    void registersUploadsTwoPhotosWatchesThemFinishAndFindsThemInTheFeed() {
        // given
        String name = register();

        // when: two real photos, picked at once, shared with a caption
        open("/upload");
        page.getByLabel("Caption").fill("A mouse and a goldfish");
        page.locator("#files").setInputFiles(new Path[] {photo("mouse.jpg"), photo("goldfish.png")});
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();

        // then: each file and the whole upload reach 100 %, and the post is made
        assertThat(page.locator("#upload-result")).containsText("2 uploaded. Posted to the feed.");
        assertThat(page.locator("#overall-text")).hasText("2 of 2 done");
        assertThat(page.locator("#overall")).hasAttribute("value", "100");
        assertThat(page.locator(".queue li.uploaded")).hasCount(2);
        shoot("upload");

        // then: the feed shows the post at once, and its thumbnails, in a srcset of every size, as they are made
        open("/");
        Locator card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText("A mouse and a goldfish"));
        assertThat(card.locator("img")).hasCount(2);
        assertThat(card.locator("img").first()).hasAttribute("srcset", Pattern.compile("^\\S+/variants/\\S+ 256w, \\S+/variants/\\S+ \\d+w$"));
        assertThat(card.locator("img").first()).hasAttribute("alt", "A mouse and a goldfish");
        assertThat(card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name))).isVisible();
        shoot("feed");

        // when: the jobs page follows the six jobs (three presets each) until they have finished
        open("/jobs");
        Locator jobs = page.locator("li.job");
        assertThat(jobs).hasCount(6);
        assertThat(page.locator("li.job.state-succeeded")).hasCount(6, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
        shoot("jobs");

        // when: the first photo is opened from the feed
        open("/");
        card.locator("a.picture").first().click();
        page.waitForLoadState(LoadState.NETWORKIDLE);

        // then: the original and its three variants, each with its size, format, bytes and a download link
        assertThat(page.locator("h1")).hasText(Pattern.compile("mouse.jpg|goldfish.png"));
        Locator rows = page.locator("table.files tbody tr");
        assertThat(rows).hasCount(4);
        assertThat(rows.first()).containsText("Original");
        assertThat(page.locator("table.files")).containsText("thumb");
        assertThat(page.locator("table.files")).containsText("medium");
        assertThat(page.locator("table.files")).containsText("compressed");
        assertThat(rows.nth(1).locator("td").nth(0)).hasText(Pattern.compile("\\d+ × \\d+"));
        assertThat(rows.nth(1).locator("td").nth(2)).hasText(Pattern.compile("\\d+ (KB|bytes|MB)|\\d+\\.\\d MB"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Download")))).hasCount(4);
        shoot("image");
        String imageUrl = page.url();

        // when: the image is edited: mirrored, grey, as WebP
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true)).click();
        assertThat(page.locator("#preview img")).isVisible();
        page.getByLabel("Mirror left to right").check();
        page.getByLabel("Grayscale").check();
        page.getByLabel("Format").selectOption("webp");

        // then: the preview follows the settings, small
        assertThat(page.locator("#preview code.recipe")).hasText("flip:h/grayscale/format:webp/quality:85");
        assertThat(page.locator("#preview img")).hasAttribute("src", Pattern.compile("^data:image/webp;base64,"));
        String previewWidth = page.locator("#preview img").getAttribute("width");
        assertThat(Integer.parseInt(previewWidth)).isLessThanOrEqualTo(640);
        shoot("editor");

        // when: applied as a job, watched until it is done, then compared
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply as a job")).click();
        assertThat(page.locator("#applied li.job.state-succeeded")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("compare it with the original")).click();

        // then: the comparison shows the edit over the original; the slider moves by keyboard too
        Locator slider = page.getByLabel(Pattern.compile("Original on the left"));
        assertThat(page.locator(".compare")).containsText("Edit: flip:h/grayscale/format:webp/quality:85");
        assertThat(page.locator("table.files tbody tr")).hasCount(5);
        slider.focus();
        page.keyboard().press("Home");
        assertThat(page.locator(".compare .after")).hasAttribute("style", Pattern.compile("inset\\(0px 0px 0px 0%\\)|inset\\(0 0 0 0%\\)|inset\\(0px 0px 0px 0px\\)"));
        slider.fill("70");
        assertThat(page.locator(".compare .after")).hasAttribute("style", Pattern.compile("70%"));
        shoot("compare");

        // when: the caption is changed and the post deleted, from the feed
        open("/");
        card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText("A mouse and a goldfish"));
        card.getByText("Edit caption").click();
        card.getByLabel("Caption").fill("Two animals");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save caption")).click();
        card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText("Two animals"));
        assertThat(card.locator("p.caption")).hasText("Two animals");
        page.onceDialog(dialog -> dialog.accept());
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete post")).click();

        // then: the post is gone, and its images with it
        assertThat(page.locator("li.card").filter(new Locator.FilterOptions().setHasText("Two animals"))).hasCount(0);
        expectedErrors.add(Pattern.compile("status of 404"));
        page.navigate(imageUrl);
        assertThat(page.locator("h1")).hasText("Not Found");
        shoot("deleted");
    }

    @Test
    void refusesATextFileInTheBrowserAndShowsTheServersProblemWhenItRefusesOne() {
        // given
        register();
        open("/upload");
        byte[] text = "meeting notes, not a photo\n".getBytes(StandardCharsets.UTF_8);

        // when: a text file by its name, and a text file that claims to be a JPEG
        page.locator("#files").setInputFiles(new FilePayload[] {
                new FilePayload("notes.txt", "text/plain", text),
                new FilePayload("holiday.jpg", "image/jpeg", text)});

        // then: the browser refuses the first at once, with the formats the server accepts
        Locator refusedHere = page.locator(".queue li").filter(new Locator.FilterOptions().setHasText("notes.txt"));
        assertThat(refusedHere.locator("[role=alert]")).hasText(Pattern.compile("notes.txt: not a photo Pixbox accepts; it takes JPEG, PNG, WEBP, AVIF, GIF"));

        // when: the second is sent
        expectedErrors.add(Pattern.compile("status of 415"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();

        // then: the server's RFC 9457 detail is shown for it, and nothing is posted
        Locator refusedThere = page.locator(".queue li").filter(new Locator.FilterOptions().setHasText("holiday.jpg"));
        assertThat(refusedThere.locator("[role=alert]")).hasText(Pattern.compile("holiday.jpg: not a supported image: looks like plain text"));
        assertThat(page.locator("#upload-result")).hasText("0 uploaded, 2 refused.");
        shoot("upload-refused");
    }

    @Test
    void showsWhyAJobFailedAndRetriesIt() {
        // given: a photo uploaded, and a crop outside it
        register();
        open("/upload");
        page.locator("#files").setInputFiles(photo("wood.webp"));
        page.getByLabel(Pattern.compile("Share in the feed")).uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        page.locator(".queue li.uploaded a").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true)).click();
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Left")).fill("400");
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Width")).fill("300");
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Height")).fill("10");

        // then: the preview says why at once
        assertThat(page.locator("#preview [role=alert]")).containsText("crop");

        // when: applied anyway
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply as a job")).click();

        // then: the job fails with the reason, and can be retried from the jobs page
        assertThat(page.locator("#applied li.job.state-failed")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        open("/jobs?state=failed");
        Locator failed = page.locator("li.job.state-failed");
        assertThat(failed).hasCount(1);
        assertThat(failed.locator(".job-error")).containsText("recipe.not_applicable");
        shoot("jobs-failed");
        var retried = page.waitForResponse(response -> response.url().endsWith("/retry"),
                () -> failed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click());
        assertThat(retried.status()).isEqualTo(200);

        // then: the row follows the job again, queued, then failed once more, with the button back
        assertThat(page.locator("li.job.state-failed .retry")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.locator("li.job .job-error")).containsText("recipe.not_applicable");
        assertThat(page.locator("#flash")).isHidden();

        // when: the image is deleted from its page
        page.locator("li.job a.job-image").click();
        page.onceDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete image")).click();

        // then: back on the feed, and the job is gone with it
        assertThat(page).hasURL(Pattern.compile(":" + port + "/$"));
        open("/jobs?state=failed");
        assertThat(page.locator("li.job")).hasCount(0);
    }

    @Test
    void loadsMorePostsAsTheReaderScrollsToTheEndOfTheFeed() {
        // given: more posts than one page holds, made through the API
        PixboxClient poster = new PixboxClient(port).signedUp();
        String imageId = poster.upload(PixboxClient.Part.of(photo("wood.webp"))).json().get("images").get(0).get("id").asString();
        String marker = "scroll-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 14; i++) {
            // One image may be in many posts; the first made is the last the feed shows.
            assertThat(poster.postJson("/api/v1/posts", "{\"caption\":\"" + marker + " " + i + "\",\"imageIds\":[\"" + imageId + "\"]}")
                    .status()).isEqualTo(201);
        }

        // when: a visitor reads the feed and scrolls down
        open("/");
        Locator posts = page.locator("li.card").filter(new Locator.FilterOptions().setHasText(marker));
        assertThat(posts).hasCount(12);
        page.locator("li.more").scrollIntoViewIfNeeded();

        // then: the next page arrives by itself, without repeats, down to the oldest post
        assertThat(page.locator("li.card").filter(new Locator.FilterOptions().setHasText(marker + " 0"))).hasCount(1);
        page.locator("li.card").last().scrollIntoViewIfNeeded();
        assertThat(page.locator("li.more")).hasCount(0);
        List<String> captions = posts.locator("p.caption").allTextContents();
        assertThat(captions).hasSize(14).doesNotHaveDuplicates();
    }

    @Test
    void showsOwnerActionsOnlyToTheOwner() {
        // given: someone else's post, made through the API
        PixboxClient alice = new PixboxClient(port).signedUp();
        String imageId = alice.upload(PixboxClient.Part.of(photo("mouse.jpg"))).json().get("images").get(0).get("id").asString();
        alice.postJson("/api/v1/posts", "{\"caption\":\"alice's mouse " + imageId + "\",\"imageIds\":[\"" + imageId + "\"]}");

        // when: another user reads the feed and the image
        register();
        open("/");
        Locator card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText(imageId));

        // then: no edit or delete for them
        assertThat(card).hasCount(1);
        assertThat(card.getByText("Edit caption")).hasCount(0);
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete post"))).hasCount(0);
        open("/images/" + imageId);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true))).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete image"))).hasCount(0);
        expectedErrors.add(Pattern.compile("status of 403"));
        open("/images/" + imageId + "/edit");
        assertThat(page.locator("h1")).hasText("Forbidden");
    }

    @Test
    void signsOutAndBackInAndReturnsToThePageThatAskedForIt() {
        // given
        String name = register();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();

        // when: a page that needs an account, then a wrong password
        open("/jobs");
        assertThat(page).hasURL(Pattern.compile("/signin$"));
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill("not the password");
        expectedErrors.add(Pattern.compile("status of 401"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        // then: a readable refusal, and the right password leads back to the jobs
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("The username or password is wrong.");
        shoot("signin-refused");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile("/jobs(\\?continue)?$"));
        assertThat(page.locator("h1")).hasText("Your jobs");
    }

    @Test
    void showsWhyASignInThroughAProviderFailed() {
        // when: a provider's sign-in ends on the failure page with its code, as the server sends it there
        open("/signin#error=oauth.denied&message=You+did+not+allow+Pixbox+to+use+your+account+at+the+provider.");

        // then: the message is shown, and the fragment is cleared from the address
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("You did not allow Pixbox to use your account at the provider.");
        assertThat(page).hasURL(Pattern.compile("/signin$"));
    }

    @Test
    void refusesAWriteWithoutTheCsrfToken() {
        // given: a signed-in browser
        register();

        // when: a request with its session cookie but without the page's token, as another site's form would send
        var answer = page.request().post("http://localhost:" + port + "/posts",
                com.microsoft.playwright.options.RequestOptions.create().setHeader("X-Requested-With", "XMLHttpRequest")
                        .setData("caption=x"));

        var form = page.request().post("http://localhost:" + port + "/signout",
                com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(0));

        // then: a script gets the problem; a form is sent to sign in again, and the session is still signed in
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text()).contains("auth.forbidden");
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.headers().get("location")).endsWith("/signin?expired");
        open("/jobs");
        assertThat(page.locator("h1")).hasText("Your jobs");
    }

    @Test
    void fitsAPhonesWidthOnEveryPage() {
        // given: a phone, signed in, with a photo
        context.close();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 740).setIsMobile(true)
                .setHasTouch(true).setDeviceScaleFactor(2));
        page = watched(context.newPage());
        register();
        open("/upload");
        page.locator("#files").setInputFiles(photo("goldfish.png"));
        page.getByLabel("Caption").fill("On a phone");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page.locator("#upload-result")).containsText("Posted to the feed.");
        String imagePage = page.locator(".queue li.uploaded a").getAttribute("href");

        // then: no page scrolls sideways
        for (String path : List.of("/", "/upload", "/jobs", imagePage, imagePage + "/edit", "/signin", "/register")) {
            if (path.equals("/signin")) {
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            }
            open(path);
            shoot("phone" + path.replace(imagePage, "/image").replaceAll("[^a-z]+", "-"));
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways overflow of %s", path).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void showsThePixboxErrorPageForAnAddressThatIsNotThereWhileTheApiKeepsItsProblems() {
        // when: a browser opens an address that names no page
        expectedErrors.add(Pattern.compile("status of 404"));
        Response answer = page.navigate("http://localhost:" + port + "/no/such/page");
        page.waitForLoadState(LoadState.NETWORKIDLE);

        // then: Pixbox's own page, in HTML, saying so, with the way home
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headerValue("content-type")).startsWith("text/html");
        assertThat(page).hasTitle("Not Found · Pixbox");
        assertThat(page.locator("h1")).hasText("Not Found");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("There is no page at /no/such/page.");
        assertThat(page.locator("#engine")).not().isEmpty();
        shoot("not-found");

        // when: an address whose id is not one
        expectedErrors.add(Pattern.compile("status of 400"));
        Response malformed = page.navigate("http://localhost:" + port + "/images/not-an-id");

        // then: the same page, for a bad request
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(page.locator("h1")).hasText("Bad Request");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("not-an-id");

        // when: a page controller fails because what it shows is not there (a post's card, opened by hand)
        Response missing = page.navigate("http://localhost:" + port + "/posts/" + UUID.randomUUID() + "/card");

        // then: the page, not the problem the card's script would get
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headerValue("content-type")).startsWith("text/html");
        assertThat(page.locator("h1")).hasText("Not Found");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the feed"))).isVisible();

        // then: the API answers a browser's Accept with its problem detail all the same
        APIResponse api = page.request().get("http://localhost:" + port + "/api/v1/images/" + UUID.randomUUID(),
                RequestOptions.create().setHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(api.text()).contains("\"code\":\"image.not_found\"");

        // when: the reader follows the link home
        page.navigate("http://localhost:" + port + "/no/such/page");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the feed")).click();

        // then
        assertThat(page).hasURL(Pattern.compile(":" + port + "/$"));
        assertThat(page.locator("h1")).hasText("Everyone’s photos");
    }

    @Test
    void stopsWaitingForAThumbnailWhoseJobFailedAndTellsTheOwnerWhy() throws IOException {
        // given: no worker running, so that the photo's jobs wait in the queue
        SmartLifecycle worker = spring.getBean("worker", SmartLifecycle.class);
        String caption = "unmade-" + UUID.randomUUID().toString().substring(0, 8);
        Locator card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText(caption));
        worker.stop();
        try {
            register();
            open("/upload");
            page.getByLabel("Caption").fill(caption);
            page.locator("#files").setInputFiles(new FilePayload("unique.png", "image/png", uniquePng()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
            assertThat(page.locator("#upload-result")).containsText("1 uploaded. Posted to the feed.");
            String imageId = page.locator(".queue li.uploaded a").getAttribute("href").replace("/images/", "");

            // when: its original is lost from the store before a job has run
            Image image = images.find(UUID.fromString(imageId)).orElseThrow();
            stores.originals().delete(image.objectKey());

            // then: the feed waits for the thumbnail and asks again
            open("/");
            assertThat(card.locator(".pending")).hasText("Making the thumbnail…");
            assertThat(card).hasAttribute("hx-trigger", "every 2s");
        } finally {
            worker.start();
        }

        // then: once its jobs have failed, the card says the thumbnail could not be made, and why to its owner
        assertThat(card.locator(".unmade")).containsText("The thumbnail could not be made.",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(card.locator(".unmade .reason")).containsText("storage.original_missing");
        assertThat(card).not().hasAttribute("hx-trigger", Pattern.compile(".*"));
        shoot("feed-thumbnail-unmade");

        // then: and it asks no more (it asked every 2 s while it waited)
        List<String> asked = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/card")) {
                asked.add(request.url());
            }
        });
        page.waitForTimeout(5_000);
        assertThat(asked).isEmpty();

        // then: a visitor is told it could not be made, but not the owner's reason
        BrowserContext visitor = browser.newContext();
        try {
            Page visitorPage = watched(visitor.newPage());
            visitorPage.navigate("http://localhost:" + port + "/");
            Locator seen = visitorPage.locator("li.card").filter(new Locator.FilterOptions().setHasText(caption));
            assertThat(seen.locator(".unmade")).containsText("The thumbnail could not be made.");
            assertThat(seen.locator(".unmade .reason")).hasCount(0);
        } finally {
            visitor.close();
        }
    }

    @Test
    void tellsAPageWhoseSessionEndedToSignInAgain() {
        // given: a signed-in reader with a post of theirs on the feed
        String name = register();
        String caption = "session-" + UUID.randomUUID().toString().substring(0, 8);
        open("/upload");
        page.getByLabel("Caption").fill(caption);
        page.locator("#files").setInputFiles(photo("goldfish.png"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page.locator("#upload-result")).containsText("Posted to the feed.");
        open("/");
        Locator card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText(caption));

        // when: the session ends (its cookie is gone, as when it expires or is signed out elsewhere), then the page acts
        context.clearCookies();
        card.getByText("Edit caption").click();
        card.getByLabel("Caption").fill("changed after the session ended");
        expectedErrors.add(Pattern.compile("status of 401"));
        var refused = page.waitForResponse(response -> response.url().endsWith("/caption"),
                () -> card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save caption")).click());

        // then: the script got the problem, and the page says so in words, with a way to sign in again
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).contains("\"code\":\"auth.required\"");
        Locator flash = page.locator("#flash");
        assertThat(flash).isVisible();
        assertThat(flash).containsText("You are no longer signed in");
        shoot("session-ended");
        flash.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in again")).click();

        // then: signing in again leads back, and nothing was changed by the refused request
        assertThat(page).hasURL(Pattern.compile("/signin$"));
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        open("/");
        assertThat(page.locator("li.card").filter(new Locator.FilterOptions().setHasText(caption))).hasCount(1);
        assertThat(page.getByText("changed after the session ended")).hasCount(0);
    }

    /** A PNG of random pixels, whose bytes no other upload shares (originals are stored once per content). */
    private static byte[] uniquePng() throws IOException {
        BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        return png.toByteArray();
    }

    /** Registers a new account through the page, which signs the browser in; answers its name. */
    private String register() {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        open("/register");
        page.getByLabel("Username").fill(name);
        page.getByLabel("Email address").fill(name + "@example.com");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        return name;
    }

    private void open(String path) {
        page.navigate("http://localhost:" + port + path);
        page.waitForLoadState(LoadState.NETWORKIDLE);
    }

    private Page watched(Page opened) {
        opened.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(message.text() + " at " + opened.url());
            }
        });
        opened.onPageError(error -> consoleErrors.add("uncaught: " + error + " at " + opened.url()));
        return opened;
    }

    private void shoot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static Path photo(String name) {
        try {
            return Paths.get(WebInterfaceIntegrationTests.class.getResource("/photos/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
