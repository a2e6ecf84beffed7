package io.pixbox.server.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns unworkable storage settings at start-up into one readable report instead of a stack trace. */
class StorageFailureAnalyzer extends AbstractFailureAnalyzer<StorageSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
