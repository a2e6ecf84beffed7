package io.pixbox.server.image;

import java.nio.file.Path;

/** One file a client sent: the name it gave and where its bytes wait on local disk. */
public record Upload(String fileName, Path file) {

    /**
     * The name a client sent, made safe to keep and show: without directories or control characters, at most 255
     * characters, {@code upload} when nothing is left.
     */
    public static String safeFileName(String sent) {
        String name = sent == null ? "" : sent.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
