package io.pixbox.imaging.format;

import java.io.IOException;
import java.nio.file.Path;

/** Sniffs the format of a file from its magic bytes and reads its header, checking limits, decoding nothing. */
public final class ImageProbe {

    private ImageProbe() {
    }

    /**
     * The header of {@code file}, checked against {@code limits}.
     *
     * @throws io.pixbox.imaging.ImagingException.UnsupportedFormat when it is not an image Pixbox accepts
     * @throws io.pixbox.imaging.ImagingException.LimitExceeded     when a limit is exceeded
     * @throws io.pixbox.imaging.ImagingException.CorruptImage      when the header is damaged
     */
    public static ImageInfo probe(Path file, Limits limits) throws IOException {
        throw new UnsupportedOperationException("ImageProbe is being written (issue 2)");
    }
}
