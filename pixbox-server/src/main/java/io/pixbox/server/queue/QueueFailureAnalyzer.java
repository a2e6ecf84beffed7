package io.pixbox.server.queue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a queue type that is not available yet into one readable start-up report instead of a stack trace. */
class QueueFailureAnalyzer extends AbstractFailureAnalyzer<QueueTypeUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, QueueTypeUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage() + ": only the database queue exists in this version.",
                "Set pixbox.queue.type (environment: PIXBOX_QUEUE_TYPE) to database, or leave it unset.", cause);
    }
}
