package io.pixbox.imaging;

/**
 * A failure a caller can act on, with a stable machine-readable {@link #code() code}.
 *
 * <p>Every imaging failure is permanent for the input that caused it: retrying the same bytes with
 * the same recipe fails the same way. The message says what was wrong and what is allowed.
 */
public abstract sealed class ImagingException extends RuntimeException
        permits ImagingException.UnsupportedFormat, ImagingException.LimitExceeded,
        ImagingException.CorruptImage, ImagingException.InvalidRecipe,
        ImagingException.RecipeNotApplicable, ImagingException.EngineUnavailable,
        ImagingException.TimedOut {

    private final String code;

    private ImagingException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable code, such as {@code image.unsupported_format}: safe to match on, unlike the message. */
    public String code() {
        return code;
    }

    /** The bytes are not an image, or are an image in a format Pixbox does not accept. */
    public static final class UnsupportedFormat extends ImagingException {
        public UnsupportedFormat(String message) {
            super("image.unsupported_format", message, null);
        }
    }

    /** The input exceeds a byte, pixel, dimension or frame limit; checked before decoding. */
    public static final class LimitExceeded extends ImagingException {
        public LimitExceeded(String message) {
            super("image.too_large", message, null);
        }
    }

    /** The input claims to be an image but cannot be decoded completely: truncated or corrupt. */
    public static final class CorruptImage extends ImagingException {
        public CorruptImage(String message, Throwable cause) {
            super("image.corrupt", message, cause);
        }

        public CorruptImage(String message) {
            this(message, null);
        }
    }

    /** A recipe or preset that does not parse or has an argument out of range. */
    public static final class InvalidRecipe extends ImagingException {
        public InvalidRecipe(String message) {
            super("recipe.invalid", message, null);
        }
    }

    /** A valid recipe that cannot apply to this image, such as a crop outside its bounds. */
    public static final class RecipeNotApplicable extends ImagingException {
        public RecipeNotApplicable(String message) {
            super("recipe.not_applicable", message, null);
        }
    }

    /** The chosen engine cannot do what was asked, such as the Java engine writing WebP. */
    public static final class EngineUnavailable extends ImagingException {
        public EngineUnavailable(String message, Throwable cause) {
            super("engine.unavailable", message, cause);
        }

        public EngineUnavailable(String message) {
            this(message, null);
        }
    }

    /** Decoding or processing took longer than the configured time limit. */
    public static final class TimedOut extends ImagingException {
        public TimedOut(String message) {
            super("image.timeout", message, null);
        }
    }
}
