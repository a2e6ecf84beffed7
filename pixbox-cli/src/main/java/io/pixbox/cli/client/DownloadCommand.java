package io.pixbox.cli.client;

import io.pixbox.cli.client.PixboxApi.Downloaded;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Saves an image's original or one of its variants; a broken download leaves no partial file. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download an image's original, or one of its variants.",
        footer = {"",
                "The variant is named by its id, its preset (thumb, medium, compressed, ...) or its recipe.",
                "Without -o the file is saved in this directory under the name the server gives.",
                "",
                "Examples:",
                "  pixbox download $ID",
                "  pixbox download $ID --variant thumb -o thumb.jpg",
                "  pixbox download $ID --variant fit:400:400/format:webp -o - > small.webp",
                "",
                ClientCommand.EXIT_CODES})
public final class DownloadCommand extends ClientCommand {

    @Option(names = "--variant", paramLabel = "NAME", description = "A variant's id, preset or recipe; default: the original.")
    String variant;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save it; - for standard output.")
    String output;

    @Parameters(paramLabel = "ID", description = "The image's id.")
    String imageId;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = "-".equals(output);
        Path[] target = new Path[1];
        Path[] partial = new Path[1];
        try (PixboxApi api = connect()) {
            Downloaded downloaded = api.download(imageId, variant, coming -> {
                if (toStdout) {
                    return new NonClosing(System.out);
                }
                target[0] = output != null ? Path.of(output) : Path.of(Path.of(coming.fileName()).getFileName().toString());
                try {
                    Path parent = target[0].toAbsolutePath().getParent();
                    partial[0] = Files.createTempFile(parent, ".pixbox-", ".part");
                    return Files.newOutputStream(partial[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!toStdout) {
                Files.move(partial[0], target[0], StandardCopyOption.REPLACE_EXISTING);
                partial[0] = null;
                if (options.json()) {
                    printJson(Map.of("file", target[0].toString(), "contentType", downloaded.contentType(),
                            "bytes", Files.size(target[0])));
                } else {
                    err().println("saved " + target[0] + " (" + downloaded.contentType() + ", " + Files.size(target[0]) + " bytes)");
                }
            }
            return 0;
        } catch (UncheckedIOException e) {
            throw new ClientException("client.unwritable", "cannot write " + target[0] + ": " + e.getCause().getMessage(),
                    ClientException.FAILED);
        } finally {
            if (partial[0] != null) {
                Files.deleteIfExists(partial[0]);
            }
        }
    }

    /** Standard output, flushed but left open when the download is done. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
