package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.ImageInfo;
import io.pixbox.cli.client.PixboxApi.JobInfo;
import io.pixbox.cli.client.PixboxApi.VariantInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What every client command shares: the connection options, the output, and printing records as JSON or text. */
abstract class ClientCommand implements Callable<Integer> {

    static final String EXIT_CODES = "Exit status: 0 done; 1 something failed (a file refused, a job failed);%n"
            + "2 usage error; 3 not logged in or not allowed; 4 no such image, variant or job;%n"
            + "5 the server cannot be reached.%n";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A client with the stored or overridden login; the server says whether the call needs a token. */
    PixboxApi connect() {
        return options.connect(options.login());
    }

    void printJson(Object value) {
        out().println(JSON.writeValueAsString(value));
        out().flush();
    }

    void print(JobInfo job) {
        out().println(job.id() + "  " + job.state() + (job.attempts() > 1 ? " (attempt " + job.attempts() + ")" : "")
                + "  " + job.recipe() + (job.fileName() != null ? "  " + job.fileName() : "")
                + (job.error() != null ? "  " + job.error() + " [" + job.errorCode() + "]" : ""));
    }

    void print(ImageInfo image) {
        out().println(image.id() + "  " + image.fileName() + "  " + image.format() + " " + image.width() + "x"
                + image.height() + "  " + image.size() + " bytes  " + image.createdAt());
        for (VariantInfo variant : image.variants()) {
            out().println("  " + variant.id() + "  " + (variant.preset() != null ? variant.preset() : "-") + "  "
                    + variant.format() + " " + variant.width() + "x" + variant.height() + "  " + variant.size()
                    + " bytes  " + variant.recipe());
        }
    }
}
