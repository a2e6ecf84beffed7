package io.pixbox.cli;

import io.pixbox.cli.client.ClientException;
import io.pixbox.cli.client.DeleteCommand;
import io.pixbox.cli.client.DownloadCommand;
import io.pixbox.cli.client.EditCommand;
import io.pixbox.cli.client.FindCommand;
import io.pixbox.cli.client.JobsCommand;
import io.pixbox.cli.client.LoginCommand;
import io.pixbox.cli.client.StatusCommand;
import io.pixbox.cli.client.UploadCommand;
import io.pixbox.cli.process.ProcessCommand;
import io.pixbox.cli.serve.ServeCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code pixbox} command: the service, offline processing and the client of a server. */
@Command(name = "pixbox", mixinStandardHelpOptions = true, versionProvider = Pixbox.Version.class,
        description = "A self-hosted image pipeline: one program from a laptop to many machines.",
        subcommands = {ServeCommand.class, ProcessCommand.class, LoginCommand.class, UploadCommand.class,
                EditCommand.class, JobsCommand.class, StatusCommand.class, DownloadCommand.class, FindCommand.class,
                DeleteCommand.class, HelpCommand.class},
        footer = {"",
                "The client commands talk gRPC to the server of 'pixbox login' (or of",
                "PIXBOX_SERVER, PIXBOX_GRPC and PIXBOX_TOKEN); --rest uses the REST API",
                "instead, --json prints JSON. 'pixbox COMMAND --help' has examples.",
                "",
                "Exit status: 0 done; 1 something failed; 2 usage error; 3 not logged in",
                "or not allowed; 4 no such image, variant or job; 5 the server cannot be",
                "reached."})
public final class Pixbox implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Logging for the command line: short lines on stderr. `serve` replaces it with Spring Boot's.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pixbox/cli/logback-cli.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code main} runs it: usage errors as one line and a hint, exit code 2. */
    public static CommandLine commandLine() {
        // 100 columns: the client commands' examples are long lines that read badly wrapped.
        return new CommandLine(new Pixbox()).setParameterExceptionHandler(Pixbox::usageError)
                .setExecutionExceptionHandler(Pixbox::clientError).setUsageHelpWidth(100);
    }

    /** {@code pixbox} alone: show the commands and fail, as a mistyped command would. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("pixbox: " + describe(e));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A client command's failure: one line with the server's code, and the exit status it gives. */
    private static int clientError(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof ClientException failure)) {
            throw e;
        }
        PrintWriter err = command.getErr();
        err.println("pixbox: " + failure.getMessage() + " [" + failure.code() + "]");
        err.flush();
        return failure.exitCode();
    }

    private static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().getFirst();
            String kind = unmatched.isUnknownOption() ? "option"
                    : e.getCommandLine().getSubcommands().isEmpty() ? "argument" : "command";
            return "unknown " + kind + " '" + argument + "'";
        }
        return e.getMessage().replaceFirst("^Error: ", "");
    }

    /** The version from the build information Maven writes into the server module. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream in = Pixbox.class.getResourceAsStream("/META-INF/build-info.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {"pixbox " + build.getProperty("build.version", "(development build)")
                    + ", Java " + Runtime.version()};
        }
    }
}
