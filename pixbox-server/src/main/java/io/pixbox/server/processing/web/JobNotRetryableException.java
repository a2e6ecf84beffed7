package io.pixbox.server.processing.web;

import io.pixbox.server.queue.Job;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import io.pixbox.server.web.Problems;

/** Only a failed or dead job can be queued again. */
class JobNotRetryableException extends ErrorResponseException {

    JobNotRetryableException(Job job) {
        super(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, "job.not_retryable",
                "job " + job.id() + " is " + job.state().text() + "; only failed and dead jobs can be retried"), null);
    }
}
