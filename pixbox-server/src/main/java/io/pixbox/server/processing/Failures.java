package io.pixbox.server.processing;

import io.pixbox.imaging.ImagingException;
import io.pixbox.server.queue.JobFailure;
import io.pixbox.server.storage.ObjectNotFoundException;
import io.pixbox.server.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.dao.DataAccessException;

/**
 * Tells failures that trying again cannot fix (the input or the recipe) from those it may (a store, the database
 * or the disk being unavailable).
 */
final class Failures {

    private Failures() {
    }

    static JobFailure classify(Throwable failure) {
        return switch (failure) {
            case ImagingException e -> new JobFailure(e.code(), e.getMessage(), true);
            case ObjectNotFoundException e -> new JobFailure("storage.original_missing", e.getMessage(), true);
            case StorageUnavailableException e -> new JobFailure("storage.unavailable", e.getMessage(), false);
            case DataAccessException e -> new JobFailure("database.unavailable", rootMessage(e), false);
            case IOException e -> new JobFailure("io.failed", e.getMessage(), false);
            case UncheckedIOException e -> new JobFailure("io.failed", e.getMessage(), false);
            // A bug or an unforeseen state: retried, so that it ends dead with its reason if it persists.
            default -> new JobFailure("internal", failure.getClass().getSimpleName() + ": " + failure.getMessage(), false);
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
