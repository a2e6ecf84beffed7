package io.pixbox.server.home;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Serves the front page; a placeholder until the upload pages arrive. */
@RestController
@ConditionalOnRole(Role.API)
class HomePage {

    private final String engine;
    private final String version;

    HomePage(ImageProcessor imageProcessor, ObjectProvider<BuildProperties> build) {
        this.engine = imageProcessor.engine().name();
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "development build" : properties.getVersion();
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Pixbox</title>
                </head>
                <body>
                  <h1>Pixbox</h1>
                  <p>A self-hosted image pipeline.</p>
                  <dl>
                    <dt>Version</dt><dd id="version">%s</dd>
                    <dt>Image engine</dt><dd id="engine">%s</dd>
                  </dl>
                  <p>The upload service is coming: for now, process images on this machine with
                    <code>./pixbox process --preset thumb --out DIR FILE…</code>.
                    Health: <a href="/actuator/health">/actuator/health</a>.</p>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(version), HtmlUtils.htmlEscape(engine));
    }
}
