package io.pixbox.imaging.format;

import io.pixbox.imaging.ImagingException.LimitExceeded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Sniffs the format of a file from its magic bytes and reads its header, checking limits, decoding nothing. */
public final class ImageProbe {

    private ImageProbe() {
    }

    /**
     * The header of {@code file}, checked against {@code limits}. The file's size is checked before it is
     * opened.
     *
     * @throws io.pixbox.imaging.ImagingException.UnsupportedFormat when it is not an image Pixbox accepts
     * @throws io.pixbox.imaging.ImagingException.LimitExceeded     when a limit is exceeded
     * @throws io.pixbox.imaging.ImagingException.CorruptImage      when the header is damaged
     */
    public static ImageInfo probe(Path file, Limits limits) throws IOException {
        long size = Files.size(file);
        checkSize(size, limits);
        try (InputStream in = Files.newInputStream(file)) {
            return probe(in, size, limits);
        }
    }

    /**
     * The header of {@code file}, checked against {@code limits}, after checking that the file is whole: that it
     * ends the way its format ends, so a truncated upload is refused before anything decodes it.
     *
     * @throws io.pixbox.imaging.ImagingException.CorruptImage when the file ends early, or as {@link #probe(Path, Limits)}
     */
    public static ImageInfo probeComplete(Path file, Limits limits) throws IOException {
        ImageInfo info = probe(file, limits);
        Completeness.check(file, info.format());
        return info;
    }

    /**
     * The header of the image {@code in} carries, checked against {@code limits}, reading at most
     * {@code size} bytes and usually far fewer. {@code size} is checked before anything is read. The stream
     * is left open, positioned wherever the header ended.
     *
     * @param size the length of the input, such as an upload's declared length; an input that turns out
     *             shorter is corrupt
     * @throws io.pixbox.imaging.ImagingException.UnsupportedFormat when it is not an image Pixbox accepts
     * @throws io.pixbox.imaging.ImagingException.LimitExceeded     when a limit is exceeded
     * @throws io.pixbox.imaging.ImagingException.CorruptImage      when the header is damaged or ends early
     */
    public static ImageInfo probe(InputStream in, long size, Limits limits) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        checkSize(size, limits);
        byte[] head = in.readNBytes((int) Math.min(FormatSniffer.HEAD_LENGTH, size));
        ImageFormat format = FormatSniffer.sniffSupported(head);
        HeaderInput input = new HeaderInput(FormatSniffer.displayName(format), head, in, size);
        CheckedHeader header = new CheckedHeader(format, limits);
        switch (format) {
            case JPEG -> JpegHeaderReader.read(input, header);
            case PNG -> PngHeaderReader.read(input, header);
            case GIF -> GifHeaderReader.read(input, header);
            case WEBP -> WebpHeaderReader.read(input, header);
            case AVIF -> AvifHeaderReader.read(input, header);
        }
        return header.info();
    }

    private static void checkSize(long size, Limits limits) {
        if (size > limits.maxBytes()) {
            throw new LimitExceeded("file is " + bytes(size) + "; the limit is " + bytes(limits.maxBytes()));
        }
    }

    private static String bytes(long count) {
        if (count < 100 * 1024) {
            return count + " bytes";
        }
        return String.format(Locale.ROOT, "%.1f MB", count / (1024.0 * 1024));
    }
}
