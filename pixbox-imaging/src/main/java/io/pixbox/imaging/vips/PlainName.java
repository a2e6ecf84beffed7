package io.pixbox.imaging.vips;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path libvips reads as named. libvips takes a trailing {@code [...]} of a file name as load
 * options ({@code photo.jpg[shrink=2]}), more than once on the thumbnail path, so no escape works: a
 * file whose name ends in {@code ]} is read through a symbolic link with a plain name in a private
 * temporary directory, removed on close. Every other path is used as it is.
 */
record PlainName(Path path, Path linkDirectory) implements AutoCloseable {

    static PlainName of(Path source) throws IOException {
        if (!source.getFileName().toString().endsWith("]")) {
            return new PlainName(source, null);
        }
        Path directory = Files.createTempDirectory("pixbox-vips-");
        return new PlainName(Files.createSymbolicLink(directory.resolve("input"), source.toAbsolutePath()), directory);
    }

    @Override
    public void close() throws IOException {
        if (linkDirectory != null) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(linkDirectory);
        }
    }
}
