package io.pixbox.server.processing;

import java.util.UUID;

/** No job has the id asked for, or its image has been deleted with it. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(UUID id) {
        super("no job " + id);
    }
}
