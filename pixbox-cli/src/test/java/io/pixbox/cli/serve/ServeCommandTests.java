package io.pixbox.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixbox.cli.Pixbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTests {

    @Test
    void refusesAnUnknownRoleBeforeStartingAnything() {
        // given
        StringWriter err = new StringWriter();
        CommandLine pixbox = Pixbox.commandLine().setErr(new PrintWriter(err, true));

        // when
        int exitCode = pixbox.execute("serve", "--roles", "api,chef");

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "pixbox: Invalid value for option '--roles' (ROLE): role must be one of api, worker, scheduler,"
                        + " got \"chef\"",
                "Try 'pixbox serve --help' for more information.");
    }
}
