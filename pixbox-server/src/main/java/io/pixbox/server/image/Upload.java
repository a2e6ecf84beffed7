package io.pixbox.server.image;

import java.nio.file.Path;

/** One file a client sent: the name it gave and where its bytes wait on local disk. */
public record Upload(String fileName, Path file) {

    /** The name without any directory a client sent with it, without control characters, at most 255 characters. */
    public static String cleanName(String sent) {
        String name = sent == null ? "" : sent.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
