package io.pixbox.imaging.imageio;

import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.engine.Deadline;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Watches one read on the reading thread, stopping it at the first warning about the pixel data
 * (a truncated or damaged file) or at the first progress report after the deadline.
 *
 * <p>TwelveMonkeys also warns about metadata it skips, such as a missing or broken ICC profile or
 * an inconsistent Adobe segment; the pixels are whole then, so those warnings are let through.
 *
 * <p>Why not {@code reader.abort()} from a timer thread: the JDK's JPEG reader, which TwelveMonkeys
 * delegates to, throws {@link IllegalStateException} when called from any thread but the reader's,
 * and TwelveMonkeys' WebP reader ignores the abort flag. Every reader reports progress every few
 * rows, and throwing from the callback unwinds all of them.
 */
final class ReadGuard implements IIOReadWarningListener, IIOReadProgressListener {

    private static final Pattern ABOUT_METADATA =
            Pattern.compile("\\bICC\\b|color profile|App14|Exif|segment, ignoring", Pattern.CASE_INSENSITIVE);

    private final Deadline deadline;
    private String warning;
    private boolean timedOut;

    ReadGuard(Deadline deadline) {
        this.deadline = deadline;
    }

    void watch(ImageReader reader) {
        reader.addIIOReadWarningListener(this);
        reader.addIIOReadProgressListener(this);
    }

    /** The failure to report instead of whatever the read returned or threw, if this guard stopped it. */
    Optional<ImagingException> failure() {
        if (timedOut) {
            return Optional.of(deadline.timedOut());
        }
        return Optional.ofNullable(warning).map(w -> new CorruptImage("the image data is damaged: " + w));
    }

    @Override
    public void warningOccurred(ImageReader source, String message) {
        if (ABOUT_METADATA.matcher(message).find()) {
            return;
        }
        if (warning == null) {
            warning = message;
        }
        stop(source);
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
        if (deadline.expired()) {
            timedOut = true;
            stop(source);
        }
    }

    private static void stop(ImageReader reader) {
        reader.abort();
        throw new Stopped();
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {
    }

    @Override
    public void sequenceComplete(ImageReader source) {
    }

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
    }

    @Override
    public void imageComplete(ImageReader source) {
    }

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
    }

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {
    }

    @Override
    public void thumbnailComplete(ImageReader source) {
    }

    @Override
    public void readAborted(ImageReader source) {
    }

    /** Unwinds a read this guard stopped; carries nothing, {@link #failure()} says why. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("read stopped", null, false, false);
        }
    }
}
