package io.pixbox.server.image;

import io.pixbox.imaging.ImagingException;

/** One file of an upload was refused, so none of it was stored; the cause says why. */
public class RejectedUpload extends RuntimeException {

    private final String fileName;
    private final boolean overByteLimit;

    RejectedUpload(String fileName, ImagingException cause, boolean overByteLimit) {
        super(fileName + ": " + cause.getMessage(), cause);
        this.fileName = fileName;
        this.overByteLimit = overByteLimit;
    }

    public String fileName() {
        return fileName;
    }

    /** Whether the file was refused for its size in bytes alone, before it was read. */
    public boolean overByteLimit() {
        return overByteLimit;
    }

    public ImagingException reason() {
        return (ImagingException) getCause();
    }
}
