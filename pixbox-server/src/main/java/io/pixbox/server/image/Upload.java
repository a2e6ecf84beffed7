package io.pixbox.server.image;

import java.nio.file.Path;

/** One file a client sent: the name it gave and where its bytes wait on local disk. */
public record Upload(String fileName, Path file) {
}
