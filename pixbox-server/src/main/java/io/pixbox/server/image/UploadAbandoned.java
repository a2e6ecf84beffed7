package io.pixbox.server.image;

/** The client went away before its upload was committed; nothing of it was kept. */
public class UploadAbandoned extends RuntimeException {

    UploadAbandoned() {
        super("the client went away before the upload was stored; nothing was kept");
    }
}
