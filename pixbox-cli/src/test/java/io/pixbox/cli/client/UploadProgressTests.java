package io.pixbox.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UploadProgressTests {

    @Test
    void drawsABarPerFileBeingSentAndOneForAllOnATerminal() {
        // given
        StringWriter err = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(err), true, 2, 300);

        // when
        progress.started("a.jpg", 100);
        progress.started("b.jpg", 200);
        progress.sent("b.jpg", 100);
        progress.finished("a.jpg", "uploaded a.jpg as 1");
        progress.close();

        // then: the last drawing before the end shows b half sent, and a third of all bytes plus a, done
        String shown = err.toString();
        assertThat(shown).contains("uploaded a.jpg as 1");
        String last = shown.substring(shown.lastIndexOf("uploaded a.jpg as 1"));
        assertThat(last).contains("[############............]  50%  b.jpg", "[################........]  66%  1/2 files");
        assertThat(last).doesNotContain("a.jpg\u001b");
    }

    @Test
    void printsOnlyALinePerFileWhenNotOnATerminal() {
        // given
        StringWriter err = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(err), false, 1, 100);

        // when
        progress.started("a.jpg", 100);
        progress.sent("a.jpg", 50);
        progress.restarted("a.jpg", "connection reset");
        progress.finished("a.jpg", "uploaded a.jpg as 1");
        progress.close();

        // then
        assertThat(err.toString().lines()).containsExactly("pixbox: retrying a.jpg: connection reset", "uploaded a.jpg as 1");
    }

    @Test
    void fillsTheBarInProportion() {
        assertThat(UploadProgress.bar(0, 100)).isEqualTo("[........................]   0%");
        assertThat(UploadProgress.bar(100, 100)).isEqualTo("[########################] 100%");
        assertThat(UploadProgress.bar(0, 0)).isEqualTo("[########################] 100%");
    }
}
