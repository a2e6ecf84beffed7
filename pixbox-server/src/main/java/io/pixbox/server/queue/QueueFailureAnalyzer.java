package io.pixbox.server.queue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns unworkable queue settings at start-up into one readable report instead of a stack trace. */
class QueueFailureAnalyzer extends AbstractFailureAnalyzer<QueueSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, QueueSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
