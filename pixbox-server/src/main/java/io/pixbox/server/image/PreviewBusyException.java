package io.pixbox.server.image;

/** Every preview slot is taken: the editor should try again in a moment. */
public class PreviewBusyException extends RuntimeException {

    PreviewBusyException() {
        super("the server is busy rendering other previews; try again in a moment");
    }
}
